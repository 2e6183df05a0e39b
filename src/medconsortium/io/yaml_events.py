"""YAML read from its events: no node tree, no recursion, bounded depth and aliases.

PyYAML's loaders compose a node (with two position marks) for every scalar before they
construct any data, and the composer recurses: a 191 MiB network took 38 times its size
in memory, and 25,000 nested brackets crash libyaml's composer outright. Here the parser's
events (libyaml's, when installed) are turned into data directly, with an explicit stack:

- nesting deeper than :data:`~medconsortium.io.limits.MAX_DEPTH` is refused at once;
- scalars are resolved and constructed as the safe loader does (the same implicit types
  and the loader's own constructors, so ``2020-13-01`` fails the same way);
- a tag other than the standard ones (``!!python/object``...) is refused;
- duplicate keys are refused at their line; merge keys (``<<``) work as in PyYAML;
- anchors and aliases work, but what the aliases repeat may not exceed
  :data:`MAX_REPEATED` values plus ten times the values written out (a "billion laughs"
  document would otherwise make every later step walk an exponential tree);
- ``item`` (optional) is called with each finished item of a top-level list, so a loader
  can turn a mapping into its model object at once instead of keeping every mapping.

>>> load_events("a: [1, 2]\\nb: {c: 2020-01-02}\\n", SafeLoaderType)
{'a': [1, 2], 'b': {'c': datetime.date(2020, 1, 2)}}
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any

import yaml

from . import limits

#: Values aliases may repeat beyond ten times those written out.
MAX_REPEATED = 100_000

# libyaml's parser when installed (much faster on province-scale files); both are safe.
SafeLoaderType: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_MERGE_KEY = object()

Item = Callable[[str, int, Any], Any]


class _Problem(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Frame:
    __slots__ = ("anchor", "container", "is_map", "key", "key_mark", "merges", "path", "weight")

    def __init__(self, container: Any, is_map: bool, path: tuple[Any, ...]) -> None:
        self.container = container
        self.is_map = is_map
        self.path = path
        self.key: Any = _NO_KEY
        self.key_mark: Any = None
        self.merges: list[Any] = []
        self.weight = 1  # values inside, aliases counted as what they repeat
        self.anchor: str | None = None


_NO_KEY = object()


def load_events(source: str | IO[str], loader_class: Any, item: Item | None = None) -> Any:
    """The first document of ``source`` as plain data (None when it is empty).

    Raises the usual :class:`yaml.YAMLError` for a document the parser refuses, and
    :class:`yaml.MarkedYAMLError` (a ConstructorError) for what is refused here.
    """
    loader = loader_class(source)
    try:
        return _build(loader, item)
    except _Problem as exc:
        raise yaml.constructor.ConstructorError(None, None, exc.message, exc.mark) from None
    finally:
        loader.dispose()


def _scalar(loader: Any, event: Any) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == _MERGE:
        return tag, event.value
    constructor = loader.yaml_constructors.get(tag)
    if constructor is None:
        raise _Problem(event.start_mark, f"could not determine a constructor for the tag {tag!r}")
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    return tag, constructor(loader, node)


def _build(loader: Any, item: Item | None) -> Any:
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    written = repeated = 0
    result: Any = None
    done = False

    def add(value: Any, mark: Any, tag: str | None = None, weight: int = 1) -> None:
        nonlocal result, done
        if not stack:
            result, done = value, True
            return
        frame = stack[-1]
        frame.weight += weight
        if frame.is_map:
            if frame.key is _NO_KEY:
                if tag == _MERGE:
                    frame.key, frame.key_mark = _MERGE_KEY, mark
                    return
                try:
                    hash(value)
                except TypeError:
                    raise _Problem(mark, "a mapping or list cannot be a key") from None
                if value in frame.container:
                    raise _Problem(mark, f"duplicate key {value!r}")
                frame.key, frame.key_mark = value, mark
                return
            if frame.key is _MERGE_KEY:
                frame.merges.append((value, frame.key_mark))
            else:
                frame.container[frame.key] = value
            frame.key = _NO_KEY
            return
        if item is not None and len(stack) == 2 and stack[0].is_map:
            value = item(str(frame.path[-1]), len(frame.container), value)
        frame.container.append(value)

    while not done:
        event = loader.get_event()
        if event is None or isinstance(event, yaml.StreamEndEvent):
            break
        written += 1
        if isinstance(event, yaml.ScalarEvent):
            tag, value = _scalar(loader, event)
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            add(value, event.start_mark, tag)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            is_map = isinstance(event, yaml.MappingStartEvent)
            if event.tag not in (None, "!", _MAP if is_map else _SEQ):
                raise _Problem(
                    event.start_mark, f"could not determine a constructor for the tag {event.tag!r}"
                )
            if len(stack) >= limits.MAX_DEPTH:
                raise _Problem(
                    event.start_mark, f"nested more than {limits.MAX_DEPTH} levels deep (lists and mappings)"
                )
            if stack and stack[-1].is_map and stack[-1].key is _NO_KEY:
                raise _Problem(event.start_mark, "a mapping or list cannot be a key")
            key = (stack[-1].key if stack[-1].is_map else len(stack[-1].container)) if stack else None
            path = (*stack[-1].path, key) if stack else ()
            frame = _Frame({} if is_map else [], is_map, path)
            # Registered when the frame ends: an alias inside its own anchor (a recursive
            # structure, which no later step could walk) is then an undefined alias.
            frame.anchor = event.anchor
            stack.append(frame)
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            frame = stack.pop()
            if frame.merges:
                _merge(frame)
            if frame.anchor is not None:
                anchors[frame.anchor] = (frame.container, frame.weight)
            add(frame.container, event.start_mark, weight=frame.weight)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise _Problem(event.start_mark, f"found undefined alias {event.anchor!r}")
            value, weight = anchors[event.anchor]
            repeated += weight
            if repeated > MAX_REPEATED + 10 * written:
                raise _Problem(event.start_mark, "aliases repeat too much of the document (an alias bomb?)")
            add(value, event.start_mark, weight=weight)
    return result


def _merge(frame: _Frame) -> None:
    """Apply ``<<`` merge keys: the mapping's own keys win, then earlier merges."""
    own = frame.container
    merged: dict[Any, Any] = {}
    for value, mark in frame.merges:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, dict):
                raise _Problem(mark, "a merge key (<<) takes a mapping or a list of mappings")
            for key, inner in source.items():
                merged.setdefault(key, inner)
    for key, inner in merged.items():
        own.setdefault(key, inner)


class StrictSafeLoader(SafeLoaderType):  # type: ignore[misc]
    """The safe loader, refusing duplicate keys (PyYAML keeps the last silently) and
    reporting bad dates (``2020-13-01``) at their line."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Any:
        seen: set[str] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value != "<<":
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key_node.value!r}", key_node.start_mark
                    )
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)


def _timestamp(loader: Any, node: yaml.Node) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)  # type: ignore[arg-type]
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a valid date ({exc})", node.start_mark
        ) from None


StrictSafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


__all__ = ["MAX_REPEATED", "StrictSafeLoader", "load_events"]
