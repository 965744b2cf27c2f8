from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from opensop.accounts import people_views
from opensop.accounts import views as account_views
from opensop.api import urls as api_urls
from opensop.basisondersteuning import views as base_support_views
from opensop.cycle import views as cycle_views
from opensop.documents import batch_views
from opensop.documents import views as document_views
from opensop.imports import bulk_views
from opensop.imports import profile_views as import_profile_views
from opensop.imports import views as import_views
from opensop.imports.duo import views as duo_views
from opensop.organisations import views as swv_views
from opensop.overview import views as overview_views
from opensop.portal import views as portal_views
from opensop.profiles import views
from opensop.workflow import views as workflow_views

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
    path(
        "profielen/<int:pk>/contactpersoon/",
        views.choose_contact_person,
        name="choose-contact-person",
    ),
    path("profielen/<int:pk>/document/<str:kind>/", document_views.document, name="document"),
    path(
        "profielen/<int:pk>/document/<str:kind>.pdf",
        document_views.document_pdf,
        name="document-pdf",
    ),
    # The adopted support offer as a chapter for the schoolgids (web page, Word, PDF).
    path("profielen/<int:pk>/schoolgids/", document_views.chapter, name="chapter"),
    path(
        "profielen/<int:pk>/schoolgids.<slug:extension>",
        document_views.chapter_download,
        name="chapter-download",
    ),
    path("tweestapsverificatie/instellen/", account_views.setup, name="two-factor-setup"),
    path("tweestapsverificatie/controleren/", account_views.verify, name="two-factor-verify"),
    # People and their roles; invitations by e-mail link (accounts/people_views.py)
    path("mensen/", people_views.people, name="people"),
    path(
        "mensen/rollen/<int:pk>/intrekken/",
        people_views.remove_membership,
        name="membership-remove",
    ),
    path(
        "mensen/uitnodigingen/<int:pk>/intrekken/",
        people_views.revoke_invitation,
        name="invitation-revoke",
    ),
    path(
        "mensen/uitnodigingen/<int:pk>/opnieuw-versturen/",
        people_views.resend_invitation,
        name="invitation-resend",
    ),
    path("uitnodiging/<str:token>/", people_views.accept_invitation, name="invitation-accept"),
    # SWV staff: the schools of their SWV, and every state change of those schools' profiles.
    path("swv/<int:pk>/scholen/", swv_views.schools, name="swv-schools"),
    path("swv/<int:pk>/scholen/toevoegen/", swv_views.add_school, name="swv-school-add"),
    path(
        "swv/<int:pk>/scholen/<int:school_pk>/wijzigen/",
        swv_views.edit_school,
        name="swv-school-edit",
    ),
    # The SWV's basisondersteuning (versions, draft) and its ouder- en jeugdsteunpunt.
    path(
        "swv/<int:pk>/basisondersteuning/",
        base_support_views.base_support,
        name="swv-base-support",
    ),
    path(
        "swv/<int:pk>/basisondersteuning/publiceren/",
        base_support_views.publish,
        name="swv-base-support-publish",
    ),
    path("swv/<int:pk>/steunpunt/", swv_views.parent_help, name="swv-parent-help"),
    path(
        "profielen/<int:pk>/basisondersteuning/gelezen/",
        base_support_views.mark_read,
        name="base-support-read",
    ),
    # Imports: DUO's school register into an SWV; a filled PDF form into a profile.
    path("swv/<int:pk>/scholen/inlezen/", import_views.register_upload, name="import-register"),
    path(
        "swv/<int:pk>/scholen/inlezen/bevestigen/",
        import_views.register_confirm,
        name="import-register-confirm",
    ),
    path("swv/<int:pk>/formulieren/inlezen/", bulk_views.forms_bulk, name="import-forms-bulk"),
    path(
        "swv/<int:pk>/profieldocumenten/inlezen/",
        bulk_views.documents_bulk,
        name="import-documents-bulk",
    ),
    path("swv/<int:pk>/inlezen/<int:job_pk>/", bulk_views.bulk_job, name="import-bulk-job"),
    path("profielen/<int:pk>/importeren/", import_profile_views.form_upload, name="import-form"),
    path(
        "profielen/<int:pk>/importeren/bevestigen/",
        import_profile_views.form_confirm,
        name="import-form-confirm",
    ),
    path(
        "profielen/<int:pk>/document-inlezen/",
        import_profile_views.document_upload,
        name="import-document",
    ),
    path(
        "profielen/<int:pk>/document-inlezen/bevestigen/",
        import_profile_views.document_confirm,
        name="import-document-confirm",
    ),
    path("swv/<int:pk>/wijzigingen/", workflow_views.state_changes, name="swv-state-changes"),
    # The yearly cycle: regime and deadline per school year; the council's decision as a file.
    path("swv/<int:pk>/schooljaren/", cycle_views.regime_years, name="swv-regime-years"),
    path("swv/<int:pk>/duo/", duo_views.swv_duo_upload, name="swv-duo"),
    path("swv/<int:pk>/duo/bevestigen/", duo_views.swv_duo_confirm, name="swv-duo-confirm"),
    path("profielen/<int:pk>/duo/", duo_views.duo_upload, name="duo-upload"),
    path("profielen/<int:pk>/duo/bevestigen/", duo_views.duo_confirm, name="duo-confirm"),
    path(
        "profielen/<int:pk>/medezeggenschap/<int:decision_pk>/",
        workflow_views.council_document,
        name="council-document",
    ),
    # SWV staff: the documents of their schools' adopted profiles as one ZIP, built in the
    # background (documents/tasks.py).
    path("swv/<int:pk>/documenten/", batch_views.batches_page, name="swv-documents"),
    path(
        "swv/<int:pk>/documenten/<int:batch_pk>/",
        batch_views.batch_page,
        name="swv-document-batch",
    ),
    path(
        "swv/<int:pk>/documenten/<int:batch_pk>/zip",
        batch_views.batch_zip,
        name="swv-document-batch-zip",
    ),
    # The SWV's regional overview and its exports (overview/views.py)
    path("swv/<int:pk>/overzicht/", overview_views.status, name="overview-status"),
    path("swv/<int:pk>/overzicht/normen/", overview_views.norms, name="overview-norms"),
    path("swv/<int:pk>/overzicht/dekking/", overview_views.coverage, name="overview-coverage"),
    path("swv/<int:pk>/overzicht/veranderd/", overview_views.changes, name="overview-changes"),
    path(
        "swv/<int:pk>/overzicht/dekking/drempel/",
        overview_views.set_threshold,
        name="overview-threshold",
    ),
    path(
        "swv/<int:pk>/overzicht/herinneren/",
        overview_views.reminders,
        name="overview-reminders",
    ),
    path(
        "swv/<int:pk>/overzicht/deskundigheid/",
        overview_views.expertise,
        name="overview-expertise",
    ),
    path(
        "swv/<int:pk>/overzicht/<slug:view>.<slug:kind>",
        overview_views.download,
        name="overview-export",
    ),
    path("overzicht/", overview_views.national, name="overview-national"),
    path(
        "overzicht/landelijk.<slug:kind>",
        overview_views.national_download,
        name="overview-national-export",
    ),
    # Public pages for parents (portal/views.py): no login, published profiles only.
    path("zoeken/", portal_views.search, name="portal-search"),
    path("scholen/<str:code>/", portal_views.school, name="portal-school"),
    path("scholen/<str:code>/profiel/", portal_views.school_document, name="portal-document"),
    path(
        "scholen/<str:code>/versies/<int:pk>/",
        portal_views.school_document,
        name="portal-version",
    ),
    path("vergelijken/", portal_views.compare, name="portal-compare"),
    path("samenwerkingsverbanden/", portal_views.swvs, name="portal-swvs"),
    path("samenwerkingsverbanden/<int:pk>/", portal_views.swv, name="portal-swv"),
    path("niveaus/", portal_views.levels, name="portal-levels"),
    path("beheer/", admin.site.urls),
]

# The REST API (/api/v1/), API keys of an SWV and open data (api/urls.py).
urlpatterns += api_urls.urlpatterns
# JSON for an unknown address under /api/, Django's own page elsewhere.
handler404 = "opensop.api.errors.not_found"
