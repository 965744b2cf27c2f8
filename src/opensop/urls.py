from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from opensop.accounts import views as account_views
from opensop.profiles import views

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("profielen/<int:pk>/", views.profile_detail, name="profile"),
    path("profielen/<int:pk>/stap/<str:step>/", views.profile_step, name="profile-step"),
    path("profielen/<int:pk>/bewerken/<str:number>/", views.edit_section, name="edit-section"),
    path("profielen/<int:pk>/volgend-schooljaar/", views.start_next_year, name="start-next-year"),
    path("profielen/<int:pk>/revisies/", views.revisions, name="revisions"),
    path("tweestapsverificatie/instellen/", account_views.setup, name="two-factor-setup"),
    path("tweestapsverificatie/controleren/", account_views.verify, name="two-factor-verify"),
    path("beheer/", admin.site.urls),
]
