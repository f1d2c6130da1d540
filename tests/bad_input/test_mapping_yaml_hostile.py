"""B8 item 29: hostile mapping files. A Python tag, an alias bomb and a schema-invalid
mapping are each a MappingError (exit 6) naming the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

import lerbridge
from lerbridge.errors import MappingError

HEAD = "mapping: ob3\ndescription: hostile\nroot: {object: Credential, canonical: awards}\n"


def _refused(tmp_path: Path, text: str, welding: bytes) -> MappingError:
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    with pytest.raises(MappingError) as info:
        lerbridge.convert(welding, to="canonical", mappings=[path])
    assert info.value.source == str(path) and info.value.exit_code == 6
    return info.value


def test_b8_29_python_object_tag(tmp_path: Path, welding: bytes) -> None:
    text = HEAD + "objects: !!python/object/apply:os.system ['echo PWNED > pwned']\n"
    err = _refused(tmp_path, text, welding)
    assert "not valid YAML" in err.message and err.location == "line 4"
    assert not Path("pwned").exists()


def test_b8_29_alias_bomb_refused_before_expansion(tmp_path: Path, welding: bytes) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    err = _refused(tmp_path, HEAD + "\n".join(lines) + "\n", welding)
    assert err.message == "YAML aliases are not allowed in mapping files"
    assert err.location == "line 5"


def test_b8_29_schema_invalid_mapping(tmp_path: Path, welding: bytes) -> None:
    text = HEAD + "objects:\n  Credential:\n    rules: 42\n"
    err = _refused(tmp_path, text, welding)
    assert "rules" in err.message and err.location == "line 6"
