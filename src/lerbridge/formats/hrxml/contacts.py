"""HR-XML contact methods: a ``ContactMethod`` may hold a phone, a fax, an e-mail... at once;
the mapping wants one item per channel. Also phone numbers given in parts, which get a
composed ``FormattedNumber`` (reported) while the parts are kept for writing back."""

from __future__ import annotations

from typing import Any

from ...report import LossReport
from .native import FORMAT, at

CONTACT_PATH = ("StructuredXMLResume", "ContactInfo", "ContactMethod")


CHANNELS = (
    "Telephone",
    "Mobile",
    "Fax",
    "Pager",
    "TTYTDD",
    "InternetEmailAddress",
    "InternetWebAddress",
    "PostalAddress",
)


SHARED = ("Use", "Location", "WhenAvailable")


NO_CHANNEL = "Other"


NUMBER_CHANNELS = ("Telephone", "Mobile", "Fax", "Pager", "TTYTDD")


NUMBER_PARTS = (
    "InternationalCountryCode",
    "NationalNumber",
    "AreaCityCode",
    "SubscriberNumber",
    "Extension",
)


PARTS = "#parts"


def split_contacts(doc: dict[str, Any]) -> None:
    parent, methods = at(doc, CONTACT_PATH)
    if parent is None or not isinstance(methods, list):
        return
    grouped: dict[str, list[Any]] = {}
    for method in methods:
        if not isinstance(method, dict):
            grouped.setdefault(NO_CHANNEL, []).append(method)
            continue
        shared = {k: method[k] for k in SHARED if k in method}
        rest = {k: v for k, v in method.items() if k not in SHARED and k not in CHANNELS}
        channels = [c for c in CHANNELS if c in method]
        if not channels:
            grouped.setdefault(NO_CHANNEL, []).append(method)
            continue
        for i, channel in enumerate(channels):
            item = {**shared, channel: method[channel], **(rest if i == 0 else {})}
            grouped.setdefault(channel, []).append(item)
    parent[CONTACT_PATH[-1]] = grouped


def merge_contacts(doc: dict[str, Any]) -> None:
    """One ContactMethod per channel item, merged first-fit into the earliest method that
    has no such channel yet and the same use, location and availability."""
    parent, grouped = at(doc, CONTACT_PATH)
    if parent is None or not isinstance(grouped, dict):
        return
    methods: list[dict[str, Any]] = []
    for channel in (*CHANNELS, NO_CHANNEL):
        items = grouped.get(channel) or []
        for item in items if isinstance(items, list) else [items]:
            if not isinstance(item, dict) or channel == NO_CHANNEL:
                methods.append(item)
                continue
            shared = {k: item.get(k) for k in SHARED}
            home = next(
                (
                    m
                    for m in methods
                    if isinstance(m, dict)
                    and channel not in m
                    and {k: m.get(k) for k in SHARED} == shared
                    and not set(item) - set(SHARED) - {channel} & set(m)
                ),
                None,
            )
            if home is None:
                methods.append(dict(item))
            else:
                home.update(item)
    parent[CONTACT_PATH[-1]] = methods


def compose_number(parts: dict[str, Any]) -> str:
    """A phone number's parts as one string: "+1 404 1221234 x12"."""
    bits = []
    for key in NUMBER_PARTS:
        text = str(parts.get(key) or "").strip()
        if not text:
            continue
        if key == "InternationalCountryCode":
            text = "+" + text.lstrip("+")
        elif key == "Extension":
            text = "x" + text
        bits.append(text)
    return " ".join(bits)


def _numbers(doc: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    _, grouped = at(doc, CONTACT_PATH)
    if not isinstance(grouped, dict):
        return []
    out = []
    for channel in NUMBER_CHANNELS:
        items = grouped.get(channel)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get(channel), dict):
                out.append((channel, i, item))
    return out


def compose_numbers(doc: dict[str, Any], report: LossReport) -> None:
    """A number in parts gets the FormattedNumber they compose; the parts are kept."""
    for channel, i, item in _numbers(doc):
        number = item[channel]
        if "FormattedNumber" in number or not number.get("SubscriberNumber"):
            continue
        parts = {k: number[k] for k in NUMBER_PARTS if k in number}
        rest = {k: v for k, v in number.items() if k not in NUMBER_PARTS}
        value = compose_number(parts)
        item[channel] = {"FormattedNumber": value, **rest, PARTS: parts}
        report.add(
            "value-synthesized",
            f"{channel} has no FormattedNumber; composed from {', '.join(parts)}",
            source_path="/" + "/".join((*CONTACT_PATH, channel, str(i), channel)),
            source_format=FORMAT,
            value=value,
        )


def decompose_numbers(doc: dict[str, Any]) -> None:
    """The kept parts are written instead of the FormattedNumber they still compose."""
    for channel, _, item in _numbers(doc):
        number = dict(item[channel])
        parts = number.pop(PARTS, None)
        if (
            isinstance(parts, dict)
            and parts.get("SubscriberNumber")
            and number.get("FormattedNumber") == compose_number(parts)
        ):
            del number["FormattedNumber"]
            number = {**parts, **number}
        item[channel] = number
