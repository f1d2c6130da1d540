"""People and organizations: learners, issuers, creators, employers, schools, endorsers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field

from .base import FlexDate, LangMap, Node, Number

if TYPE_CHECKING:
    from .credential import Endorsement


class Identifier(Node):
    """An identifier with its scheme. A hashed identity stays hashed: ``value`` is then the
    hash as the source wrote it (e.g. ``sha256$…``) and ``hashed`` is true."""

    value: str
    scheme: str | None = None
    hashed: bool = False
    salt: str | None = None


class GeoCoordinates(Node):
    latitude: Number | None = None
    longitude: Number | None = None


class Address(Node):
    street: str | None = None
    po_box: str | None = None
    locality: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    country_code: str | None = None
    geo: GeoCoordinates | None = None
    lines: list[str] = Field(default_factory=list)
    """Address lines after the street line."""
    formatted: str | None = None
    use: str | None = None
    """What the address is for (residence, business...)."""


class ContactPoint(Node):
    """An e-mail address, phone number, web or social address, with how to use it."""

    value: str
    label: str | None = None
    """The source's name for it ("LinkedIn", "work")."""
    use: str | None = None
    """private, business... (LER-RS useCode)."""
    preference: Number | None = None


def _contact(value: Any) -> Any:
    return {"value": value} if isinstance(value, str) else value


def _contacts(value: Any) -> Any:
    return [_contact(v) for v in value] if isinstance(value, list) else value


#: A list of contact points; a plain string is read as a contact point's value.
Contacts = Annotated[list[ContactPoint], BeforeValidator(_contacts)]


class Image(Node):
    id: str
    caption: LangMap | None = None


class PersonName(Node):
    given: str | None = None
    family: str | None = None
    additional: str | None = None
    formatted: str | None = None
    prefix: str | None = None
    suffix: str | None = None
    family_prefix: str | None = None
    patronymic: str | None = None
    preferred: str | None = None


class Person(Node):
    """The learner or worker."""

    id: str | None = None
    name: PersonName | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    birth_date: FlexDate | None = None
    emails: Contacts = Field(default_factory=list)
    phones: Contacts = Field(default_factory=list)
    faxes: Contacts = Field(default_factory=list)
    urls: Contacts = Field(default_factory=list)
    social: Contacts = Field(default_factory=list)
    addresses: list[Address] = Field(default_factory=list)
    image: Image | None = None
    gender: str | None = None
    citizenship: list[str] = Field(default_factory=list)
    residence_countries: list[str] = Field(default_factory=list)
    primary_language: str | None = None


class Profile(Node):
    """An organization or person acting as issuer, creator, source, endorser, employer
    or school. OB 3.0 profiles may describe a person, hence the person-name fields."""

    id: str | None = None
    name: LangMap | None = None
    trade_name: LangMap | None = None
    """The name the organization trades under, when the source gives it apart from (or
    instead of) its name (LER-RS tradeName)."""
    description: LangMap | None = None
    url: str | None = None
    email: str | None = None
    phone: str | None = None
    image: Image | None = None
    address: Address | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    official: str | None = None
    parent: Profile | None = None
    person_name: PersonName | None = None
    birth_date: FlexDate | None = None
    endorsements: list[Endorsement] = Field(default_factory=list)
    ctid: str | None = None
    kind: str | None = None
    """The source's class for the profile, when it has several (CTDL CredentialOrganization,
    QACredentialOrganization, Organization)."""
