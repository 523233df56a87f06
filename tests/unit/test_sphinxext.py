"""The book extension's source rewriting: per-page citation key prefixes."""

from raicourse.sphinxext import prefix_citations

PAGE = """# A page

As {cite:t}`hardt2016equality` showed, and others agree {cite:p}`kleinberg2017inherent, chouldechova2017fair`.
A plain {cite}`weerts2023fairlearn` too.

## Sources

```{bibliography}
:filter: docname in docnames
```
"""


def test_citations_and_bibliography_get_the_page_prefix():
    rewritten = prefix_citations(PAGE, "book-ethics-x-")
    assert "{cite:t}`book-ethics-x-hardt2016equality`" in rewritten
    assert "{cite:p}`book-ethics-x-kleinberg2017inherent,book-ethics-x-chouldechova2017fair`" in rewritten
    assert "{cite}`book-ethics-x-weerts2023fairlearn`" in rewritten
    assert "```{bibliography}\n:keyprefix: book-ethics-x-\n:filter: docname in docnames\n```" in rewritten


def test_page_without_bibliography_is_untouched():
    page = "See {cite:p}`hardt2016equality`.\n"
    assert prefix_citations(page, "p-") == page


def test_colon_fenced_bibliography_is_prefixed_too():
    page = "{cite:p}`a2020`\n\n:::{bibliography}\n:::\n"
    assert prefix_citations(page, "p-") == "{cite:p}`p-a2020`\n\n:::{bibliography}\n:keyprefix: p-\n:::\n"
