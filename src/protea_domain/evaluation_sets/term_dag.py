"""The slice of an ontology the evaluation sets need: namespaces and propagation parents."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TermDag:
    """Live terms with their namespace and direct parents over the propagation relations
    (is_a and part_of within a namespace). Ancestor closures are computed lazily and cached."""

    namespace: Mapping[str, str]
    parents: Mapping[str, frozenset[str]]
    _ancestors: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)
    _children: dict[str, set[str]] = field(default_factory=dict, compare=False)

    def __contains__(self, term: object) -> bool:
        return term in self.namespace

    def ancestors(self, term: str) -> frozenset[str]:
        """Proper ancestors of `term` (iterative DFS; safe on deep graphs)."""
        cached = self._ancestors.get(term)
        if cached is not None:
            return cached
        stack = [(term, iter(self.parents.get(term, ())))]
        pending: dict[str, set[str]] = {term: set()}
        while stack:
            node, parents = stack[-1]
            advanced = False
            for parent in parents:
                known = self._ancestors.get(parent)
                if known is not None:
                    pending[node] |= known | {parent}
                    continue
                if parent in pending:
                    raise ValueError(f"cycle through {parent}")
                pending[parent] = set()
                stack.append((parent, iter(self.parents.get(parent, ()))))
                advanced = True
                break
            if advanced:
                continue
            stack.pop()
            done = frozenset(pending.pop(node))
            self._ancestors[node] = done
            if stack:
                pending[stack[-1][0]] |= done | {node}
        return self._ancestors[term]

    def descendants(self, term: str) -> set[str]:
        if not self._children:
            for child, parents in self.parents.items():
                for parent in parents:
                    self._children.setdefault(parent, set()).add(child)
        seen: set[str] = set()
        stack = [term]
        while stack:
            for child in self._children.get(stack.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return seen

    def propagate(self, terms: Iterable[str]) -> set[str]:
        closed: set[str] = set()
        for term in terms:
            closed.add(term)
            closed |= self.ancestors(term)
        return closed
