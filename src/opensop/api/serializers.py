"""What the API shows, in Dutch field names. Levels and norm outcomes come from the stored
ProfileSummary (never judged per request); answer texts use the format's own labels."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from opensop.api.queries import NewestProfile
from opensop.formats.definition import FormatDefinition, Section, SupportLevel
from opensop.formats.vocabulary import SupportNeed
from opensop.organisations.models import School, Swv
from opensop.overview.models import ProfileSummary
from opensop.profiles.models import Profile, State
from opensop.profiles.presentation import answer_text
from opensop.profiles.registry import registry

LEVELS = [level.code for level in SupportLevel]
OUTCOMES = ["voldoet", "voldoet_niet", "onvolledig"]


def summary_of(profile: Profile) -> ProfileSummary | None:
    try:
        return profile.summary
    except ProfileSummary.DoesNotExist:
        return None


def definition_of(profile: Profile) -> FormatDefinition | None:
    return registry().get(profile.format_id, profile.format_version)


# ------------------------------------------------------------------ small parts


class FormatRefSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    versie = serializers.IntegerField()


class NeedLevelsField(serializers.DictField):
    """Need code → level code (or null: unknown)."""

    child = serializers.ChoiceField(choices=LEVELS, allow_null=True)


class NormOutcomeSerializer(serializers.Serializer[Any]):
    sleutel = serializers.CharField()
    titel = serializers.CharField()
    uitkomst = serializers.ChoiceField(choices=OUTCOMES)


class AnswerSerializer(serializers.Serializer[Any]):
    sleutel = serializers.CharField()
    nummer = serializers.CharField(allow_null=True)
    sectie = serializers.CharField()
    vraag = serializers.CharField(help_text="het label van de vraag in het formaat")
    soort = serializers.CharField()
    waarde = serializers.JSONField(allow_null=True, help_text="het antwoord zoals opgeslagen")
    tekst = serializers.CharField(
        help_text="het antwoord in woorden, met de labels van het formaat"
    )
    persoonsgegeven = serializers.BooleanField(
        help_text="het antwoord noemt een persoon (naam, eigen telefoon of e-mail); zulke "
        "antwoorden krijgt alleen de API-sleutel van het eigen samenwerkingsverband"
    )


class PublicProfileRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    schooljaar = serializers.CharField()
    versie = serializers.IntegerField()
    gepubliceerd_op = serializers.DateTimeField(allow_null=True)
    niveaus = NeedLevelsField()


def need_levels(profile: Profile) -> dict[str, str | None]:
    summary = summary_of(profile)
    return dict(summary.needs) if summary else {}


def norm_outcomes(profile: Profile) -> list[dict[str, str]]:
    summary, definition = summary_of(profile), definition_of(profile)
    if summary is None or definition is None:
        return []
    return [
        {"sleutel": norm.key, "titel": norm.title, "uitkomst": summary.norms[norm.key]}
        for norm in definition.norms
        if norm.key in summary.norms
    ]


# ------------------------------------------------------------------ resources
# What DRF's CharField, IntegerField and other fields make of a value (None stays None).


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _number(value: Any) -> int | None:
    return None if value is None else int(value)


def _through(field: serializers.Field[Any, Any, Any, Any], value: Any) -> Any:
    return None if value is None else field.to_representation(value)


class SwvSerializer(serializers.ModelSerializer[Swv]):
    naam = serializers.CharField(source="name")
    formaat = serializers.SerializerMethodField()
    publiceert_normuitkomsten = serializers.BooleanField(source="publishes_norm_results")

    class Meta:
        model = Swv
        fields = ["id", "code", "naam", "sector", "formaat", "publiceert_normuitkomsten"]

    @extend_schema_field(FormatRefSerializer)
    def get_formaat(self, swv: Swv) -> dict[str, Any]:
        return {"id": swv.format_id, "versie": swv.format_version}


class SchoolSerializer(serializers.ModelSerializer[School]):
    id = serializers.CharField(
        source="code", help_text="brinnummer + vestigingsnummer, bijv. 12AB00"
    )
    vestiging = serializers.CharField(source="location")
    naam = serializers.CharField(source="name")
    straat = serializers.CharField(source="street")
    plaats = serializers.CharField(source="city")
    gemeente = serializers.CharField(source="municipality")
    sector = serializers.CharField(source="swv.sector")
    samenwerkingsverband = serializers.IntegerField(source="swv_id")
    bestuur = serializers.CharField(source="board.name")
    gepubliceerd_profiel = serializers.SerializerMethodField(
        help_text="het nieuwste gepubliceerde profiel, of null"
    )

    class Meta:
        model = School
        fields = [
            "id",
            "brin",
            "vestiging",
            "naam",
            "straat",
            "postcode",
            "plaats",
            "gemeente",
            "sector",
            "samenwerkingsverband",
            "bestuur",
            "gepubliceerd_profiel",
        ]

    def to_representation(self, instance: School) -> dict[str, Any]:
        """The declared fields' output, written out: DRF's generic path (a lookup, a None
        check and a conversion per field and row) was most of a list page's time.
        tests/api/test_list_pages_stay_the_same.py pins the result."""
        return {
            "id": _text(instance.code),
            "brin": _text(instance.brin),
            "vestiging": _text(instance.location),
            "naam": _text(instance.name),
            "straat": _text(instance.street),
            "postcode": _text(instance.postcode),
            "plaats": _text(instance.city),
            "gemeente": _text(instance.municipality),
            "sector": _text(instance.swv.sector),
            "samenwerkingsverband": _number(instance.swv_id),
            "bestuur": _text(instance.board.name),
            "gepubliceerd_profiel": self.get_gepubliceerd_profiel(instance),
        }

    @extend_schema_field(PublicProfileRefSerializer(allow_null=True))
    def get_gepubliceerd_profiel(self, school: School) -> dict[str, Any] | None:
        newest: NewestProfile | None = self.context["newest_profiles"].get(school.pk)
        if newest is None:
            return None
        return {
            "id": newest.id,
            "schooljaar": newest.school_year,
            "versie": newest.edition,
            "gepubliceerd_op": newest.published_at,
            "niveaus": dict(newest.needs),
        }


class ProfileSerializer(serializers.ModelSerializer[Profile]):
    school = serializers.CharField(source="school.code", help_text="brin + vestiging")
    school_naam = serializers.CharField(source="school.name")
    samenwerkingsverband = serializers.IntegerField(source="school.swv_id")
    schooljaar = serializers.CharField(source="school_year")
    versie = serializers.IntegerField(source="edition")
    status = serializers.ChoiceField(choices=State.choices, source="state")
    formaat = serializers.SerializerMethodField()
    vastgesteld_op = serializers.DateField(source="adopted_on", allow_null=True)
    gepubliceerd_op = serializers.DateTimeField(source="published_at", allow_null=True)
    niveaus = serializers.SerializerMethodField(help_text="niveau per ondersteuningsbehoefte")
    normuitkomsten = serializers.SerializerMethodField(
        help_text="alleen als het samenwerkingsverband ze openbaar maakt (anders null)"
    )

    class Meta:
        model = Profile
        fields = [
            "id",
            "school",
            "school_naam",
            "samenwerkingsverband",
            "schooljaar",
            "versie",
            "status",
            "formaat",
            "vastgesteld_op",
            "gepubliceerd_op",
            "niveaus",
            "normuitkomsten",
        ]

    def to_representation(self, instance: Profile) -> dict[str, Any]:
        """As SchoolSerializer.to_representation: the fields written out, the dates and
        status still through their declared fields (time zone, format, choices)."""
        fields = self.fields
        school = instance.school
        return {
            "id": _number(instance.pk),
            "school": _text(school.code),
            "school_naam": _text(school.name),
            "samenwerkingsverband": _number(school.swv_id),
            "schooljaar": _text(instance.school_year),
            "versie": _number(instance.edition),
            "status": _through(fields["status"], instance.state),
            "formaat": self.get_formaat(instance),
            "vastgesteld_op": _through(fields["vastgesteld_op"], instance.adopted_on),
            "gepubliceerd_op": _through(fields["gepubliceerd_op"], instance.published_at),
            "niveaus": self.get_niveaus(instance),
            "normuitkomsten": self.get_normuitkomsten(instance),
        }

    @extend_schema_field(FormatRefSerializer)
    def get_formaat(self, profile: Profile) -> dict[str, Any]:
        return {"id": profile.format_id, "versie": profile.format_version}

    @extend_schema_field(NeedLevelsField)
    def get_niveaus(self, profile: Profile) -> dict[str, str | None]:
        return need_levels(profile)

    @extend_schema_field(NormOutcomeSerializer(many=True, allow_null=True))
    def get_normuitkomsten(self, profile: Profile) -> list[dict[str, str]] | None:
        shows: bool = self.context["shows_norms"](profile.school.swv)
        return norm_outcomes(profile) if shows else None


class ProfileDetailSerializer(ProfileSerializer):
    antwoorden = serializers.SerializerMethodField()

    class Meta(ProfileSerializer.Meta):
        fields = [*ProfileSerializer.Meta.fields, "antwoorden"]

    def to_representation(self, instance: Profile) -> dict[str, Any]:
        row = super().to_representation(instance)
        row["antwoorden"] = self.get_antwoorden(instance)
        return row

    @extend_schema_field(AnswerSerializer(many=True))
    def get_antwoorden(self, profile: Profile) -> list[dict[str, Any]]:
        definition = definition_of(profile)
        if definition is None:
            return []
        # Personal data only for the SWV's own key, of its own schools (docs/api.md).
        with_personal: bool = self.context["reads_personal_data"](profile.school.swv_id)
        return [
            {
                "sleutel": key,
                "nummer": entry.item.number,
                "sectie": f"{entry.section.number} {entry.section.title}",
                "vraag": entry.item.label,
                "soort": entry.item.kind,
                "waarde": profile.answers.get(key),
                "tekst": answer_text(entry.item, profile.answers.get(key)),
                "persoonsgegeven": entry.item.personal,
            }
            for key, entry in definition.entries.items()
            if entry.item.kind != "fixed_text" and (with_personal or not entry.item.personal)
        ]


# ------------------------------------------------------------------ formats and needs


class OptionSerializer(serializers.Serializer[Any]):
    waarde = serializers.CharField()
    # DRF takes declared fields off the class, so this "label" never shadows Field.label.
    label = serializers.CharField()  # type: ignore[assignment]


class FormatItemSerializer(serializers.Serializer[Any]):
    sleutel = serializers.CharField()
    nummer = serializers.CharField(allow_null=True)
    label = serializers.CharField()  # type: ignore[assignment]  # see OptionSerializer
    soort = serializers.CharField()
    verplicht = serializers.BooleanField()
    persoonsgegeven = serializers.BooleanField(
        help_text="het antwoord noemt een persoon: niet in de openbare API en de open data"
    )
    opties = OptionSerializer(many=True)


class FormatSectionSerializer(serializers.Serializer[Any]):
    nummer = serializers.CharField()
    titel = serializers.CharField()
    vragen = FormatItemSerializer(many=True)


class FormatNormSerializer(serializers.Serializer[Any]):
    sleutel = serializers.CharField()
    titel = serializers.CharField()
    tekst = serializers.CharField()
    uitleg = serializers.CharField(allow_null=True)


class FormatSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    versie = serializers.IntegerField()
    titel = serializers.CharField()
    sector = serializers.CharField()
    samenwerkingsverbanden = serializers.ListField(child=serializers.CharField())
    beschrijving = serializers.CharField(allow_null=True)


class FormatDetailSerializer(FormatSerializer):
    secties = FormatSectionSerializer(many=True)
    normen = FormatNormSerializer(many=True)


def format_summary(definition: FormatDefinition) -> dict[str, Any]:
    return {
        "id": definition.id,
        "versie": definition.version,
        "titel": definition.title,
        "sector": definition.sector.value,
        "samenwerkingsverbanden": list(definition.swv_codes),
        "beschrijving": definition.description,
    }


def _section(section: Section) -> dict[str, Any]:
    return {
        "nummer": section.number,
        "titel": section.title,
        "vragen": [
            {
                "sleutel": item.key,
                "nummer": item.number,
                "label": item.label,
                "soort": item.kind,
                "verplicht": item.required,
                "persoonsgegeven": item.personal,
                "opties": [
                    {"waarde": o.value, "label": o.label} for o in getattr(item, "options", [])
                ],
            }
            for item in section.items
        ],
    }


def format_detail(definition: FormatDefinition) -> dict[str, Any]:
    return {
        **format_summary(definition),
        "secties": [_section(s) for top in definition.sections for s in top.walk()],
        "normen": [
            {
                "sleutel": n.key,
                "titel": n.title,
                "tekst": n.statement,
                "uitleg": n.interpretation,
            }
            for n in definition.norms
        ],
    }


class SupportNeedSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    naam = serializers.CharField()
    omschrijving = serializers.CharField()
    synoniemen = serializers.ListField(child=serializers.CharField())


def support_need(need: SupportNeed) -> dict[str, Any]:
    return {
        "code": need.code,
        "naam": need.name,
        "omschrijving": need.description,
        "synoniemen": list(need.synonyms),
    }
