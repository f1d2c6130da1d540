"""Errors lerbridge raises. Each carries the file, the location and the problem, and maps
to a documented CLI exit code. Anything converted imperfectly is a LossEntry, not an error."""

from __future__ import annotations


class LerbridgeError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None, location: str | None = None):
        self.message = message
        self.source = source
        self.location = location
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = [p for p in (self.source, self.location) if p]
        prefix = ":".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message

    def with_source(self, source: str) -> LerbridgeError:
        if not self.source:
            self.source = source
            self.args = (str(self),)
        return self


class ReadError(LerbridgeError):
    """The input cannot be read: not the format, malformed, too big, too deep..."""

    exit_code = 3


class FormatDetectionError(LerbridgeError):
    """The format of the input is unknown or ambiguous."""

    exit_code = 4


class WriteError(LerbridgeError):
    """The record cannot be written to the target format, or the output fails its schema."""

    exit_code = 5


class MappingError(LerbridgeError):
    """A mapping file is invalid."""

    exit_code = 6


class SupplyError(LerbridgeError):
    """A value the user supplies (``--set``) names no canonical field or does not fit it,
    or a credential needs values that neither the source nor ``--set`` gives."""

    exit_code = 2


class UnknownFormatError(LerbridgeError):
    exit_code = 7


class SpecsNotInstalledError(LerbridgeError):
    """An official schema, context or XSD that a step needs is not installed (see
    ``LERBRIDGE_SPECS``)."""

    exit_code = 9


class SpecsAlteredError(LerbridgeError):
    """An official spec file differs from the one lerbridge's manifest names. Never skipped:
    a conversion stops rather than check against a file that is not the official one."""

    exit_code = 9
