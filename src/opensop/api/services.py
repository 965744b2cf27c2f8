"""The only writers of API keys and of an SWV's choice to publish its norm outcomes."""

from __future__ import annotations

import datetime
import logging
import secrets

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from opensop.accounts.invitations import hash_token
from opensop.api.models import ApiKey
from opensop.organisations.models import Swv

logger = logging.getLogger(__name__)

# Writing "last used" on every request would make each read a write; once a minute is enough.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def create_key(swv: Swv, name: str, actor: User | None) -> tuple[ApiKey, str]:
    """A new key for `swv`; the key itself is returned once and only its hash is kept."""
    plain = "sop_" + secrets.token_urlsafe(32)
    with transaction.atomic():
        key = ApiKey.objects.create(
            swv=swv,
            name=name.strip(),
            key_hash=hash_token(plain),
            prefix=plain[:8],
            created_by=actor,
        )
    logger.info("API key %s of SWV %s made by %s", key.pk, swv.pk, actor)
    return key, plain


def revoke_key(key: ApiKey, actor: User | None) -> ApiKey:
    with transaction.atomic():
        locked = ApiKey.objects.select_for_update().get(pk=key.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.revoked_by = actor
            locked.save(update_fields=["revoked_at", "revoked_by"])
            logger.info("API key %s of SWV %s revoked by %s", key.pk, key.swv_id, actor)
    return locked


def find_active_key(plain: str) -> ApiKey | None:
    return (
        ApiKey.objects.select_related("swv")
        .filter(key_hash=hash_token(plain), revoked_at__isnull=True)
        .first()
    )


def note_use(key: ApiKey) -> None:
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_PRECISION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now


def set_norm_publication(swv: Swv, publishes: bool, actor: User | None) -> Swv:
    with transaction.atomic():
        locked = Swv.objects.select_for_update().get(pk=swv.pk)
        locked.publishes_norm_results = publishes
        locked.save(update_fields=["publishes_norm_results"])
    logger.info("SWV %s publishes norm results: %s (by %s)", swv.pk, publishes, actor)
    return locked
