/* newsvet._speedups: per-character scans of newsvet's text rules, in C.
 *
 * Each function here is a faster way to get exactly what a Python reference
 * in the package computes (named in its docstring); the package uses the
 * reference where this module is not built (no C compiler, or
 * NEWSVET_PURE_PYTHON=1), and the tests compare the two on every kind of
 * character (tests/test_speedups.py, tests/test_compiled.py).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* str.isalnum of one character (Py_UNICODE_ISALNUM), which is what the
 * regular expression class [^\W_] matches in a str pattern */
static unsigned char ascii_alnum[128];

static inline int
is_alnum(Py_UCS4 ch)
{
    if (ch < 128) {
        return ascii_alnum[ch];
    }
    return Py_UNICODE_ISALNUM(ch);
}

/* appends ``item``, a new reference (NULL: an error is set), to ``list``
 * and gives the reference up; -1 on an error */
static int
append_new(PyObject *list, PyObject *item)
{
    if (item == NULL) {
        return -1;
    }
    int bad = PyList_Append(list, item);
    Py_DECREF(item);
    return bad;
}

/* the items of ``list`` as a tuple; the list's reference is given up */
static PyObject *
as_tuple(PyObject *list)
{
    PyObject *out = PyList_AsTuple(list);
    Py_DECREF(list);
    return out;
}

/* the characters of the str ``text`` (for PyUnicode_READ), or -1 with
 * TypeError naming the function ``name`` when it is no str */
static int
read_str(PyObject *text, const char *name, int *kind, const void **data, Py_ssize_t *n)
{
    if (!PyUnicode_Check(text)) {
        PyErr_Format(PyExc_TypeError, "%s() takes a str", name);
        return -1;
    }
    if (PyUnicode_READY(text) < 0) {
        return -1;
    }
    *kind = PyUnicode_KIND(text);
    *data = PyUnicode_DATA(text);
    *n = PyUnicode_GET_LENGTH(text);
    return 0;
}

static inline int
is_joiner(Py_UCS4 ch)
{
    return ch == '\'' || ch == 0x2019 || ch == '.' || ch == '-';
}

/* the end of the word starting at i (text[i] is alnum):
 * [^\W_]+(?:['’.-][^\W_]+)* matched greedily, which never gives back */
static inline Py_ssize_t
word_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    for (;;) {
        while (i < n && is_alnum(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        if (i + 1 < n && is_joiner(PyUnicode_READ(kind, data, i))
            && is_alnum(PyUnicode_READ(kind, data, i + 1))) {
            i += 2;
            continue;
        }
        return i;
    }
}

/* a new reference to text[s:e] lower-cased, for an ASCII text: the token
 * itself when it has no capital */
static PyObject *
ascii_lower(PyObject *token)
{
    const Py_UCS1 *p = PyUnicode_1BYTE_DATA(token);
    Py_ssize_t n = PyUnicode_GET_LENGTH(token), k;
    for (k = 0; k < n; k++) {
        if (p[k] >= 'A' && p[k] <= 'Z') {
            break;
        }
    }
    if (k == n) {
        Py_INCREF(token);
        return token;
    }
    PyObject *out = PyUnicode_New(n, 127);
    if (out == NULL) {
        return NULL;
    }
    Py_UCS1 *q = PyUnicode_1BYTE_DATA(out);
    for (k = 0; k < n; k++) {
        Py_UCS1 c = p[k];
        q[k] = (c >= 'A' && c <= 'Z') ? (Py_UCS1)(c + 32) : c;
    }
    return out;
}

static PyObject *apostrophe_curly, *apostrophe_straight; /* "’" and "'" */

/* a new reference to ``token.lower()`` (with ’ read as ' when ``apostrophe``):
 * in C for an ASCII token, by str.lower for any other */
static PyObject *
lower_token(PyObject *token, int apostrophe)
{
    if (PyUnicode_IS_ASCII(token)) {
        return ascii_lower(token);
    }
    PyObject *low = PyObject_CallMethod(token, "lower", NULL);
    if (low == NULL || !apostrophe) {
        return low;
    }
    PyObject *out = PyUnicode_Replace(low, apostrophe_curly, apostrophe_straight, -1);
    Py_DECREF(low);
    return out;
}

PyDoc_STRVAR(word_table_doc,
"word_table(text, /) -> (tokens, starts, ends, lowered)\n\n"
"The words of ``text`` as ``newsvet.segment`` finds them with the regular\n"
"expression ``[^\\W_]+(?:['’.-][^\\W_]+)*``: the words as tuples of their\n"
"text, start and end offsets, and the words lower-cased with ’ read as '\n"
"(None for a text with Σ or İ, which lower-case by context or change\n"
"length: the caller lower-cases those).");

static PyObject *
word_table(PyObject *Py_UNUSED(module), PyObject *text)
{
    int kind;
    const void *data;
    Py_ssize_t n;
    if (read_str(text, "word_table", &kind, &data, &n) < 0) {
        return NULL;
    }
    /* (str.lower lower-cases a character by its context only for Σ, and
     * changes a length only for İ) */
    int lower = PyUnicode_FindChar(text, 0x03a3, 0, n, 1) == -1
                && PyUnicode_FindChar(text, 0x0130, 0, n, 1) == -1;
    /* one pass to count the words, one to fill tuples of that size */
    Py_ssize_t count = 0, i = 0;
    while (i < n) {
        if (is_alnum(PyUnicode_READ(kind, data, i))) {
            i = word_end(kind, data, n, i);
            count++;
        }
        else {
            i++;
        }
    }
    PyObject *tokens = PyTuple_New(count), *starts = PyTuple_New(count);
    PyObject *ends = PyTuple_New(count);
    PyObject *lowered = lower ? PyTuple_New(count) : Py_NewRef(Py_None);
    if (tokens == NULL || starts == NULL || ends == NULL || lowered == NULL) {
        goto error;
    }
    Py_ssize_t k = 0;
    i = 0;
    while (i < n && k < count) {
        if (!is_alnum(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t e = word_end(kind, data, n, i);
        PyObject *tok = PyUnicode_Substring(text, i, e);
        if (tok == NULL) {
            goto error;
        }
        PyTuple_SET_ITEM(tokens, k, tok);
        if (lower) {
            PyObject *low = lower_token(tok, 1);
            if (low == NULL) {
                goto error;
            }
            PyTuple_SET_ITEM(lowered, k, low);
        }
        PyObject *s = PyLong_FromSsize_t(i);
        if (s == NULL) {
            goto error;
        }
        PyTuple_SET_ITEM(starts, k, s);
        PyObject *f = PyLong_FromSsize_t(e);
        if (f == NULL) {
            goto error;
        }
        PyTuple_SET_ITEM(ends, k, f);
        k++;
        i = e;
    }
    PyObject *out = PyTuple_Pack(4, tokens, starts, ends, lowered);
    Py_DECREF(tokens);
    Py_DECREF(starts);
    Py_DECREF(ends);
    Py_DECREF(lowered);
    return out;
error:
    /* (a tuple's unfilled slots are NULL, which its deallocation skips) */
    Py_XDECREF(tokens);
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    Py_XDECREF(lowered);
    return NULL;
}

PyDoc_STRVAR(type_table_doc,
"type_table(tokens, /) -> (first, counts, order, prev)\n\n"
"Where each distinct token of the tuple ``tokens`` occurs, as\n"
"``newsvet.signals.readability._type_table`` computes it: ``first`` maps\n"
"each token to the position of its first occurrence (in that order);\n"
"``counts``, ``order`` and ``prev`` are bytearrays of native int64, one per\n"
"token: how often the type first seen there occurs (0 where none starts),\n"
"the positions grouped by type (groups in first-occurrence order, each in\n"
"text order), each token's previous occurrence (-1 for the first).");

static PyObject *
type_table(PyObject *Py_UNUSED(module), PyObject *tokens)
{
    if (!PyTuple_Check(tokens)) {
        PyErr_SetString(PyExc_TypeError, "type_table() takes a tuple");
        return NULL;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(tokens);
    size_t size = (size_t)n * sizeof(int64_t);
    PyObject *first = PyDict_New();
    PyObject *counts_b = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)size);
    PyObject *order_b = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)size);
    PyObject *prev_b = PyByteArray_FromStringAndSize(NULL, (Py_ssize_t)size);
    int64_t *ids = PyMem_Malloc(size ? size : 1), *last = PyMem_Malloc(size ? size : 1);
    if (first == NULL || counts_b == NULL || order_b == NULL || prev_b == NULL
        || ids == NULL || last == NULL) {
        goto error;
    }
    int64_t *counts = (int64_t *)PyByteArray_AS_STRING(counts_b);
    int64_t *order = (int64_t *)PyByteArray_AS_STRING(order_b);
    int64_t *prev = (int64_t *)PyByteArray_AS_STRING(prev_b);
    for (Py_ssize_t i = 0; i < n; i++) {
        counts[i] = 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *pos = PyLong_FromSsize_t(i);
        if (pos == NULL) {
            goto error;
        }
        PyObject *got = PyDict_SetDefault(first, PyTuple_GET_ITEM(tokens, i), pos);  /* borrowed */
        Py_DECREF(pos);
        if (got == NULL) {
            goto error;
        }
        int64_t id = (int64_t)PyLong_AsSsize_t(got);
        if (id == -1 && PyErr_Occurred()) {
            goto error;
        }
        ids[i] = id;
        if (id == i) {
            prev[i] = -1;
        }
        else {
            prev[i] = last[id];
        }
        last[id] = i;
        counts[id]++;
    }
    /* a counting sort of the positions by type: a type's group starts after
     * the groups of the types first seen before it (last[] holds the starts) */
    int64_t at = 0;
    for (Py_ssize_t p = 0; p < n; p++) {
        last[p] = at;
        at += counts[p];
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        order[last[ids[i]]++] = i;
    }
    PyMem_Free(ids);
    PyMem_Free(last);
    PyObject *out = PyTuple_Pack(4, first, counts_b, order_b, prev_b);
    Py_DECREF(first);
    Py_DECREF(counts_b);
    Py_DECREF(order_b);
    Py_DECREF(prev_b);
    return out;
error:
    PyMem_Free(ids);
    PyMem_Free(last);
    Py_XDECREF(first);
    Py_XDECREF(counts_b);
    Py_XDECREF(order_b);
    Py_XDECREF(prev_b);
    return NULL;
}

static inline int
is_az(Py_UCS4 ch)
{
    return ch >= 'a' && ch <= 'z';
}

/* the end of the run of a-z starting at i */
static inline Py_ssize_t
az_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
    while (i < n && is_az(PyUnicode_READ(kind, data, i))) {
        i++;
    }
    return i;
}

/* a new ASCII str of the run text[s:e] of a-z */
static PyObject *
az_run(int kind, const void *data, Py_ssize_t s, Py_ssize_t e)
{
    PyObject *out = PyUnicode_New(e - s, 127);
    if (out == NULL) {
        return NULL;
    }
    Py_UCS1 *q = PyUnicode_1BYTE_DATA(out);
    if (kind == PyUnicode_1BYTE_KIND) {
        memcpy(q, (const Py_UCS1 *)data + s, (size_t)(e - s));
    }
    else {
        for (Py_ssize_t k = s; k < e; k++) {
            q[k - s] = (Py_UCS1)PyUnicode_READ(kind, data, k);
        }
    }
    return out;
}

PyDoc_STRVAR(az_runs_doc,
"az_runs(text, /) -> set[str]\n\n"
"The set of the maximal runs of a-z in ``text`` (as\n"
"``newsvet.signals.seo_filler._az_words`` computes it).");

static PyObject *
az_runs(PyObject *Py_UNUSED(module), PyObject *text)
{
    int kind;
    const void *data;
    Py_ssize_t n;
    if (read_str(text, "az_runs", &kind, &data, &n) < 0) {
        return NULL;
    }
    Py_ssize_t i = 0;
    PyObject *out = PySet_New(NULL);
    if (out == NULL) {
        return NULL;
    }
    while (i < n) {
        if (!is_az(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t e = az_end(kind, data, n, i);
        PyObject *run = az_run(kind, data, i, e);
        if (run == NULL || PySet_Add(out, run) < 0) {
            Py_XDECREF(run);
            Py_DECREF(out);
            return NULL;
        }
        Py_DECREF(run);
        i = e;
    }
    return out;
}

static inline int
is_quote_or_hyphen(Py_UCS4 ch)
{
    return ch == '\'' || ch == '-';
}

PyDoc_STRVAR(az_run_hits_doc,
"az_run_hits(text, table, /) -> list[tuple[int, int, object]]\n\n"
"``(start, end, table[run])`` of every maximal run of a-z in ``text``\n"
"that is a key of the dict ``table`` and is not joined by ' or - to a\n"
"letter a-z on either side, in text order (the runs part of\n"
"``newsvet.signals.unattributed_figures._trigger_hits``).");

static PyObject *
az_run_hits(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "az_run_hits() takes a str and a dict");
        return NULL;
    }
    PyObject *text = args[0], *table = args[1];
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0;
    /* which (first two letters, length) the table's keys have: a run that
     * has none of them is no key, and needs no str to look up (a bit per
     * length below 32; longer runs are always looked up) */
    uint32_t seen[27 * 26];
    memset(seen, 0, sizeof(seen));
    Py_ssize_t pos = 0;
    PyObject *key, *val;
    while (PyDict_Next(table, &pos, &key, &val)) {
        if (!PyUnicode_Check(key) || PyUnicode_READY(key) < 0) {
            continue; /* no run equals it */
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(key);
        int kk = PyUnicode_KIND(key);
        const void *kd = PyUnicode_DATA(key);
        if (len == 0 || len >= 32 || !is_az(PyUnicode_READ(kk, kd, 0))
            || (len > 1 && !is_az(PyUnicode_READ(kk, kd, 1)))) {
            continue; /* not a run, or looked up anyway */
        }
        Py_UCS4 c0 = PyUnicode_READ(kk, kd, 0), c1 = len > 1 ? PyUnicode_READ(kk, kd, 1) : '{';
        seen[(c1 - 'a') * 26 + (c0 - 'a')] |= (uint32_t)1 << len;
    }
    PyObject *out = PyList_New(0);
    if (out == NULL) {
        return NULL;
    }
    while (i < n) {
        if (!is_az(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t e = az_end(kind, data, n, i);
        if (e - i < 32) {
            Py_UCS4 c0 = PyUnicode_READ(kind, data, i);
            Py_UCS4 c1 = e - i > 1 ? PyUnicode_READ(kind, data, i + 1) : '{';
            if (!(seen[(c1 - 'a') * 26 + (c0 - 'a')] & ((uint32_t)1 << (e - i)))) {
                i = e;
                continue;
            }
        }
        PyObject *run = az_run(kind, data, i, e);
        if (run == NULL) {
            goto error;
        }
        PyObject *value = PyDict_GetItemWithError(table, run);  /* borrowed */
        Py_DECREF(run);
        if (value == NULL) {
            if (PyErr_Occurred()) {
                goto error;
            }
        }
        else if (!(i >= 2 && is_quote_or_hyphen(PyUnicode_READ(kind, data, i - 1))
                   && is_az(PyUnicode_READ(kind, data, i - 2)))
                 && !(e + 1 < n && is_quote_or_hyphen(PyUnicode_READ(kind, data, e))
                      && is_az(PyUnicode_READ(kind, data, e + 1)))) {
            if (append_new(out, Py_BuildValue("(nnO)", i, e, value)) < 0) {
                goto error;
            }
        }
        i = e;
    }
    return out;
error:
    Py_DECREF(out);
    return NULL;
}

static inline int
is_word(Py_UCS4 ch)
{
    return ch == '_' || is_alnum(ch);
}

static inline int
is_stop(Py_UCS4 ch)
{
    return ch == '.' || ch == '!' || ch == '?';
}

/* how many words (runs of non-white space holding something but NUL) the
 * ASCII text p[s:e] has, counting no further than ``most`` */
static Py_ssize_t
marked_words(const Py_UCS1 *p, Py_ssize_t s, Py_ssize_t e, Py_ssize_t most)
{
    Py_ssize_t count = 0, i = s;
    while (i < e && count < most) {
        if (Py_UNICODE_ISSPACE(p[i])) {
            i++;
            continue;
        }
        int real = 0;
        while (i < e && !Py_UNICODE_ISSPACE(p[i])) {
            real |= p[i] != 0;
            i++;
        }
        count += real;
    }
    return count;
}

PyDoc_STRVAR(textstat_counts_doc,
"textstat_counts(marked, text, seen, /) -> (words, syllables, missing, sentences, short)\n\n"
"The counts behind textstat's Flesch formulas, as\n"
"``newsvet.signals.readability._flesch_counts_reference`` computes them:\n"
"``marked`` is ``text`` (of the same length) with punctuation as NUL and\n"
"must be ASCII. ``words``: the words of ``marked`` without NULs;\n"
"``syllables``: the sum of ``seen[word]`` over the lower-cased words found\n"
"in the dict ``seen``, ``missing`` the others, in order; ``sentences``: the\n"
"matches of ``\\b[^.!?]+[.!?]*`` in ``text``; ``short``: those of them with\n"
"at most two words in ``marked``.");

static PyObject *
textstat_counts(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1])
        || !PyDict_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "textstat_counts() takes two str and a dict");
        return NULL;
    }
    PyObject *marked = args[0], *text = args[1], *seen = args[2];
    if (PyUnicode_READY(marked) < 0 || PyUnicode_READY(text) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(marked);
    if (!PyUnicode_IS_ASCII(marked) || PyUnicode_GET_LENGTH(text) != n) {
        PyErr_SetString(PyExc_ValueError, "marked must be ASCII and as long as text");
        return NULL;
    }
    const Py_UCS1 *p = PyUnicode_1BYTE_DATA(marked);
    PyObject *missing = PyList_New(0);
    char *buf = PyMem_Malloc(n ? (size_t)n : 1);
    if (missing == NULL || buf == NULL) {
        goto error;
    }
    /* words and syllables */
    Py_ssize_t n_words = 0, i = 0;
    long long syllables = 0;
    while (i < n) {
        if (Py_UNICODE_ISSPACE(p[i])) {
            i++;
            continue;
        }
        Py_ssize_t len = 0;
        while (i < n && !Py_UNICODE_ISSPACE(p[i])) {
            Py_UCS1 c = p[i++];
            if (c != 0) {
                buf[len++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
            }
        }
        if (len == 0) {
            continue;
        }
        n_words++;
        PyObject *word = PyUnicode_New(len, 127); /* ASCII: no decoding */
        if (word == NULL) {
            goto error;
        }
        memcpy(PyUnicode_1BYTE_DATA(word), buf, (size_t)len);
        PyObject *count = PyDict_GetItemWithError(seen, word);  /* borrowed */
        if (count == NULL) {
            int bad = PyErr_Occurred() != NULL || PyList_Append(missing, word) < 0;
            Py_DECREF(word);
            if (bad) {
                goto error;
            }
            continue;
        }
        Py_DECREF(word);
        long long v = PyLong_AsLongLong(count);
        if (v == -1 && PyErr_Occurred()) {
            goto error;
        }
        syllables += v;
    }
    /* sentences: the matches of \b[^.!?]+[.!?]* in text */
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t matches = 0, short_ones = 0;
    int before = 0; /* is text[i - 1] a word character */
    i = 0;
    while (i < n) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        int here = is_word(ch);
        if (here == before || is_stop(ch)) {
            before = here;
            i++;
            continue;
        }
        Py_ssize_t s = i;
        while (i < n && !is_stop(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        while (i < n && is_stop(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        matches++;
        short_ones += marked_words(p, s, i, 3) <= 2;
        before = 0; /* a match ends at the end of the text or after . ! or ? */
    }
    PyMem_Free(buf);
    PyObject *out = Py_BuildValue("(nLNnn)", n_words, syllables, missing, matches, short_ones);
    return out;
error:
    PyMem_Free(buf);
    Py_XDECREF(missing);
    return NULL;
}

static inline int
is_sentence_stop(Py_UCS4 ch)
{
    return ch == '.' || ch == '!' || ch == '?' || ch == 0x2026;
}

static inline int
is_closer(Py_UCS4 ch)
{
    return ch == '"' || ch == '\'' || ch == 0x201d || ch == 0x2019 || ch == ')' || ch == ']';
}

/* text[s:e] without white space at either end: (s, e) moved inwards (e = s
 * when it is all white space) */
static void
trim(int kind, const void *data, Py_ssize_t *s, Py_ssize_t *e)
{
    while (*s < *e && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, *s))) {
        (*s)++;
    }
    while (*e > *s && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, *e - 1))) {
        (*e)--;
    }
}

static int
add_span(PyObject *spans, Py_ssize_t s, Py_ssize_t e)
{
    return append_new(spans, Py_BuildValue("(nn)", s, e));
}

/* whether the full stop at ms (its boundary ends at end) ends no sentence:
 * 0 when it surely ends one (the word before it, found as
 * ([\w.]+)\.$ in text[max(start, ms - 12):ms + 1], is ASCII and neither an
 * abbreviation of ``abbrev`` nor a single letter), else what
 * ``continues(text, ms, end, start)`` says (-1 on an error) */
static int
dot_continues(PyObject *text, int kind, const void *data, Py_ssize_t ms, Py_ssize_t end,
              Py_ssize_t start, PyObject *abbrev, PyObject *continues)
{
    Py_ssize_t lo = ms - 12 > start ? ms - 12 : start, j = ms;
    int ascii = 1;
    while (j > lo) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j - 1);
        if (!(ch == '.' || is_word(ch))) {
            break;
        }
        ascii &= ch < 128;
        j--;
    }
    if (ascii) {
        Py_ssize_t len = ms - j;
        if (len == 0) {
            return 0; /* no word: "" is no abbreviation */
        }
        char buf[16];
        for (Py_ssize_t k = 0; k < len; k++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, j + k);
            buf[k] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
        }
        int letter = len == 1 && buf[0] >= 'a' && buf[0] <= 'z';
        if (!letter) {
            PyObject *word = PyUnicode_FromStringAndSize(buf, len);
            if (word == NULL) {
                return -1;
            }
            int found = PySet_Contains(abbrev, word);
            Py_DECREF(word);
            if (found <= 0) {
                return found; /* 0: a boundary; -1: an error */
            }
        }
    }
    PyObject *got = PyObject_CallFunction(continues, "Onnn", text, ms, end, start);
    if (got == NULL) {
        return -1;
    }
    int out = PyObject_IsTrue(got);
    Py_DECREF(got);
    return out;
}

PyDoc_STRVAR(sentence_spans_doc,
"sentence_spans(text, abbrev, continues, /) -> tuple[tuple[int, int], ...]\n\n"
"``newsvet.segment``'s sentences of ``text``, as\n"
"``newsvet.segment._sentence_spans_reference`` finds them: boundaries where\n"
"``[.!?…]+[\"'”’)\\]]*(?=\\s)|\\n+`` matches, less the full stops after an\n"
"abbreviation of the frozenset ``abbrev`` or a single letter that\n"
"``continues(text, ms, end, start)`` says end no sentence (it is asked\n"
"about those, and about every full stop after a word outside ASCII).");

static PyObject *
sentence_spans(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyAnySet_Check(args[1])
        || !PyCallable_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "sentence_spans() takes a str, a set and a callable");
        return NULL;
    }
    PyObject *text = args[0], *abbrev = args[1], *continues = args[2];
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), i = 0, start = 0;
    PyObject *spans = PyList_New(0);
    if (spans == NULL) {
        return NULL;
    }
    while (i < n) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        Py_ssize_t ms = i, end;
        if (ch == '\n') {
            end = i + 1;
            while (end < n && PyUnicode_READ(kind, data, end) == '\n') {
                end++;
            }
        }
        else if (is_sentence_stop(ch)) {
            end = i + 1;
            while (end < n && is_sentence_stop(PyUnicode_READ(kind, data, end))) {
                end++;
            }
            while (end < n && is_closer(PyUnicode_READ(kind, data, end))) {
                end++;
            }
            if (end >= n || !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end))) {
                i = end; /* no match starts in this run (nor in the closers) */
                continue;
            }
        }
        else {
            i++;
            continue;
        }
        i = end;
        if (ch == '.') {
            int cont = dot_continues(text, kind, data, ms, end, start, abbrev, continues);
            if (cont < 0) {
                goto error;
            }
            if (cont) {
                continue;
            }
        }
        Py_ssize_t s = start, e = ch != '\n' ? end : ms;
        trim(kind, data, &s, &e);
        if (e > s && add_span(spans, s, e) < 0) {
            goto error;
        }
        start = end;
    }
    Py_ssize_t s = start, e = n;
    trim(kind, data, &s, &e);
    if (e > s && add_span(spans, s, e) < 0) {
        goto error;
    }
    return as_tuple(spans);
error:
    Py_DECREF(spans);
    return NULL;
}

/* a character that may stand just before a capitalised word opening a
 * sentence or a quote (newsvet.model.features._INITIAL_CHARS) */
static inline int
is_initial(Py_UCS4 ch)
{
    switch (ch) {
    case '.': case '!': case '?': case ':': case ';': case '"': case '\'': case '(':
    case '[': case '-': case '\n': case 0x201c: case 0x201d: case 0x2018: case 0x2019:
    case 0x2014: case 0x2013:
        return 1;
    default:
        return 0;
    }
}

/* whether the token text[i:...] is a gap for the wording model: it starts
 * with a digit, or with a capital that opens no sentence or quote (judged by
 * the at most 3 characters of the separator text[last:i] before it) */
static int
is_gap(int kind, const void *data, Py_ssize_t last, Py_ssize_t i)
{
    Py_UCS4 c = PyUnicode_READ(kind, data, i);
    if (c >= 'a' && c <= 'z') {
        return 0;
    }
    if (Py_UNICODE_ISDIGIT(c)) {
        return 1;
    }
    if (!Py_UNICODE_ISUPPER(c)) {
        return 0;
    }
    Py_ssize_t s = i - 3 > last ? i - 3 : last; /* sep = piece[-3:] */
    if (s == i) {
        return 0;
    }
    Py_ssize_t rest = i; /* sep.rstrip() ends here */
    while (rest > s && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, rest - 1))) {
        rest--;
    }
    if (rest > s && is_initial(PyUnicode_READ(kind, data, rest - 1))) {
        return 0;
    }
    for (Py_ssize_t k = rest; k < i; k++) {
        if (PyUnicode_READ(kind, data, k) == '\n') {
            return 0;
        }
    }
    return 1;
}

PyDoc_STRVAR(token_marks_doc,
"token_marks(text, /) -> (pieces, marked, kept, pairs)\n\n"
"``newsvet.model.features.TokenizedText``'s cut of ``text``, as\n"
"``newsvet.model.features._marks_reference`` gives it: ``pieces`` is\n"
"``re.compile(r\"(\\w\\w+)\").split(text)`` (the text between tokens and\n"
"the tokens, alternately); ``marked`` the tokens lower-cased one by one,\n"
"with a gap (a token starting with a digit, or with a capital that opens\n"
"no sentence or quote) as \"\\0\"; ``kept`` and ``pairs`` are bytearrays,\n"
"1 where token i is no gap and where tokens i and i + 1 make a bigram (as\n"
"long as ``marked``), or both None when there is no gap.");

static PyObject *
token_marks(PyObject *Py_UNUSED(module), PyObject *text)
{
    int kind;
    const void *data;
    Py_ssize_t n;
    if (read_str(text, "token_marks", &kind, &data, &n) < 0) {
        return NULL;
    }
    Py_ssize_t i = 0, last = 0, n_gaps = 0;
    PyObject *pieces = PyList_New(0), *marked = PyList_New(0);
    PyObject *gap = PyUnicode_FromOrdinal(0), *kept = NULL, *pairs = NULL;
    /* per token, whether it is a gap (a token has two characters or more) */
    char *is_gap_at = PyMem_Malloc((size_t)n / 2 + 1);
    if (pieces == NULL || marked == NULL || gap == NULL || is_gap_at == NULL) {
        if (is_gap_at == NULL) {
            PyErr_NoMemory();
        }
        goto error;
    }
    while (i < n) {
        if (!is_word(PyUnicode_READ(kind, data, i))) {
            i++;
            continue;
        }
        Py_ssize_t e = i + 1;
        while (e < n && is_word(PyUnicode_READ(kind, data, e))) {
            e++;
        }
        if (e - i < 2) {
            i = e;
            continue;
        }
        PyObject *tok; /* (once appended, the list keeps it alive) */
        if (append_new(pieces, PyUnicode_Substring(text, last, i)) < 0
            || append_new(pieces, tok = PyUnicode_Substring(text, i, e)) < 0) {
            goto error;
        }
        int g = is_gap(kind, data, last, i);
        is_gap_at[PyList_GET_SIZE(marked)] = (char)g;
        n_gaps += g;
        if (g ? PyList_Append(marked, gap) < 0 : append_new(marked, lower_token(tok, 0)) < 0) {
            goto error;
        }
        last = i = e;
    }
    if (append_new(pieces, PyUnicode_Substring(text, last, n)) < 0) {
        goto error;
    }
    if (n_gaps) {
        Py_ssize_t n_tokens = PyList_GET_SIZE(marked);
        kept = PyByteArray_FromStringAndSize(NULL, n_tokens);
        pairs = PyByteArray_FromStringAndSize(NULL, n_tokens);
        if (kept == NULL || pairs == NULL) {
            goto error;
        }
        char *k = PyByteArray_AS_STRING(kept), *p = PyByteArray_AS_STRING(pairs);
        memset(k, 1, (size_t)n_tokens);
        memset(p, 1, (size_t)n_tokens);
        for (Py_ssize_t at = 0; at < n_tokens; at++) {
            if (is_gap_at[at]) {
                k[at] = 0;
                p[at] = 0;
                if (at) {
                    p[at - 1] = 0;
                }
            }
        }
    }
    else {
        kept = Py_NewRef(Py_None);
        pairs = Py_NewRef(Py_None);
    }
    PyMem_Free(is_gap_at);
    Py_DECREF(gap);
    return Py_BuildValue("(NNNN)", pieces, marked, kept, pairs);
error:
    PyMem_Free(is_gap_at);
    Py_XDECREF(pieces);
    Py_XDECREF(marked);
    Py_XDECREF(gap);
    Py_XDECREF(kept);
    Py_XDECREF(pairs);
    return NULL;
}

/* MurmurHash3_x86_32 (Austin Appleby's public-domain reference), which
 * mmh3.hash and scikit-learn's murmurhash3_32 compute */
static inline uint32_t
rotl32(uint32_t x, int r)
{
    return (x << r) | (x >> (32 - r));
}

static uint32_t
murmur3_32(const uint8_t *data, Py_ssize_t len, uint32_t seed)
{
    const Py_ssize_t nblocks = len / 4;
    uint32_t h1 = seed;
    const uint32_t c1 = 0xcc9e2d51, c2 = 0x1b873593;
    for (Py_ssize_t i = 0; i < nblocks; i++) {
        uint32_t k1;
        memcpy(&k1, data + 4 * i, 4); /* little-endian, as the reference on x86 */
        k1 *= c1;
        k1 = rotl32(k1, 15);
        k1 *= c2;
        h1 ^= k1;
        h1 = rotl32(h1, 13);
        h1 = h1 * 5 + 0xe6546b64;
    }
    const uint8_t *tail = data + nblocks * 4;
    uint32_t k1 = 0;
    switch (len & 3) {
    case 3:
        k1 ^= (uint32_t)tail[2] << 16;
        /* fall through */
    case 2:
        k1 ^= (uint32_t)tail[1] << 8;
        /* fall through */
    case 1:
        k1 ^= tail[0];
        k1 *= c1;
        k1 = rotl32(k1, 15);
        k1 *= c2;
        h1 ^= k1;
    }
    h1 ^= (uint32_t)len;
    h1 ^= h1 >> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >> 16;
    return h1;
}

/* the hashed column of MurmurHash3 value h, as hash_columns gives it */
static inline int64_t
column_of(uint32_t h, long long n_features)
{
    int64_t signed_h = (int32_t)h;
    if (signed_h == -2147483648LL) {
        return (2147483647LL - (n_features - 1)) % n_features;
    }
    return (signed_h < 0 ? -signed_h : signed_h) % n_features;
}

/* ``arg``, a column count of the hashed space, into ``*n_features``: 0, or
 * -1 with an error set when it is no int in 1..2**31 */
static int
read_n_features(PyObject *arg, long long *n_features)
{
    *n_features = PyLong_AsLongLong(arg);
    if (*n_features == -1 && PyErr_Occurred()) {
        return -1;
    }
    if (*n_features <= 0 || *n_features > 2147483648LL) {
        PyErr_SetString(PyExc_ValueError, "n_features must be in 1..2**31");
        return -1;
    }
    return 0;
}

/* releases ``view`` if it was filled */
static void
release(Py_buffer *view)
{
    if (view->obj != NULL) {
        PyBuffer_Release(view);
    }
}

PyDoc_STRVAR(hash_columns_doc,
"hash_columns(grams, n_features, /) -> bytearray\n\n"
"The hashed column of each str of the list ``grams``, as native int64:\n"
"``abs(h) % n_features`` of h, the signed MurmurHash3_x86_32 (seed 0) of\n"
"its UTF-8 bytes (``(2**31 - 1 - (n_features - 1)) % n_features`` for\n"
"h = -2**31), as ``newsvet.model.features.hash_ngrams`` computes it.");

static PyObject *
hash_columns(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyList_Check(args[0]) || !PyLong_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "hash_columns() takes a list and an int");
        return NULL;
    }
    PyObject *grams = args[0];
    long long n_features;
    if (read_n_features(args[1], &n_features) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(grams);
    PyObject *out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(int64_t));
    if (out == NULL) {
        return NULL;
    }
    int64_t *cols = (int64_t *)PyByteArray_AS_STRING(out);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *gram = PyList_GET_ITEM(grams, i);
        if (!PyUnicode_Check(gram) || PyUnicode_READY(gram) < 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "hash_columns() hashes str only");
            }
            Py_DECREF(out);
            return NULL;
        }
        uint32_t h;
        if (PyUnicode_IS_ASCII(gram)) {
            h = murmur3_32(PyUnicode_1BYTE_DATA(gram), PyUnicode_GET_LENGTH(gram), 0);
        }
        else {
            /* encoded apart: asking the str for UTF-8 would keep a copy in it */
            PyObject *utf8 = PyUnicode_AsUTF8String(gram);
            if (utf8 == NULL) {
                Py_DECREF(out);
                return NULL;
            }
            h = murmur3_32((const uint8_t *)PyBytes_AS_STRING(utf8), PyBytes_GET_SIZE(utf8), 0);
            Py_DECREF(utf8);
        }
        cols[i] = column_of(h, n_features);
    }
    return out;
}

/* mask[i] of a bytes-like mask read with ``len`` entries, or 1 (no mask) */
static inline int
mask_at(const Py_buffer *mask, Py_ssize_t i)
{
    return mask->obj == NULL || ((const unsigned char *)mask->buf)[i] != 0;
}

PyDoc_STRVAR(gram_columns_doc,
"gram_columns(tokens, kept, pairs, n_features, /) -> bytearray\n\n"
"The hashed columns (as ``hash_columns`` gives them, native int64) of the\n"
"unigrams and then the bigrams of the list of str ``tokens``: token i\n"
"where ``kept[i]``, then ``tokens[i] + \" \" + tokens[i + 1]`` where\n"
"``pairs[i]`` (``kept`` and ``pairs``: bytes-like masks at least as long\n"
"as ``tokens``, or None for all), without building the bigrams: what\n"
"``newsvet.model.features.hash_ngrams`` gives for\n"
"``TokenizedText.grams``.");

static PyObject *
gram_columns(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyList_Check(args[0]) || !PyLong_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "gram_columns() takes a list, two masks (or None) and an int");
        return NULL;
    }
    PyObject *tokens = args[0];
    long long n_features;
    if (read_n_features(args[3], &n_features) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(tokens);
    Py_buffer kept = {0}, pairs = {0};
    PyObject *out = NULL, *encoded = NULL;
    const uint8_t **at = NULL;
    Py_ssize_t *len = NULL;
    uint8_t *buf = NULL;
    if ((args[1] != Py_None && PyObject_GetBuffer(args[1], &kept, PyBUF_SIMPLE) < 0)
        || (args[2] != Py_None && PyObject_GetBuffer(args[2], &pairs, PyBUF_SIMPLE) < 0)) {
        goto done;
    }
    if ((kept.obj != NULL && kept.len < n) || (pairs.obj != NULL && pairs.len < n)) {
        PyErr_SetString(PyExc_ValueError, "gram_columns(): a mask is shorter than the tokens");
        goto done;
    }
    /* each token's UTF-8 bytes, encoded once (apart: asking a str for UTF-8
     * would keep a copy in it) */
    encoded = PyList_New(0);
    at = PyMem_Malloc(((size_t)n + 1) * sizeof(*at));
    len = PyMem_Malloc(((size_t)n + 1) * sizeof(*len));
    if (encoded == NULL || at == NULL || len == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_NoMemory();
        }
        goto done;
    }
    Py_ssize_t n_grams = 0, longest = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *tok = PyList_GET_ITEM(tokens, i);
        if (!PyUnicode_Check(tok) || PyUnicode_READY(tok) < 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "gram_columns() hashes str only");
            }
            goto done;
        }
        if (PyUnicode_IS_ASCII(tok)) {
            at[i] = PyUnicode_1BYTE_DATA(tok);
            len[i] = PyUnicode_GET_LENGTH(tok);
        }
        else {
            PyObject *utf8 = PyUnicode_AsUTF8String(tok);
            if (append_new(encoded, utf8) < 0) {
                goto done;
            }
            at[i] = (const uint8_t *)PyBytes_AS_STRING(utf8);
            len[i] = PyBytes_GET_SIZE(utf8);
        }
        if (len[i] > longest) {
            longest = len[i];
        }
        n_grams += mask_at(&kept, i) + (i + 1 < n && mask_at(&pairs, i));
    }
    out = PyByteArray_FromStringAndSize(NULL, n_grams * (Py_ssize_t)sizeof(int64_t));
    buf = PyMem_Malloc(2 * (size_t)longest + 2);
    if (out == NULL || buf == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_NoMemory();
        }
        Py_CLEAR(out);
        goto done;
    }
    int64_t *cols = (int64_t *)PyByteArray_AS_STRING(out);
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (mask_at(&kept, i)) {
            cols[k++] = column_of(murmur3_32(at[i], len[i], 0), n_features);
        }
    }
    for (Py_ssize_t i = 0; i + 1 < n; i++) {
        if (mask_at(&pairs, i)) {
            memcpy(buf, at[i], (size_t)len[i]);
            buf[len[i]] = ' ';
            memcpy(buf + len[i] + 1, at[i + 1], (size_t)len[i + 1]);
            cols[k++] = column_of(murmur3_32(buf, len[i] + 1 + len[i + 1], 0), n_features);
        }
    }
done:
    release(&kept);
    release(&pairs);
    Py_XDECREF(encoded);
    PyMem_Free(at);
    PyMem_Free(len);
    PyMem_Free(buf);
    return out;
}

PyDoc_STRVAR(lower_plain_doc,
"lower_plain(text, /) -> str | None\n\n"
"``text.lower()`` for a text whose characters outside ASCII are neither\n"
"upper- nor title-case (the only ones str.lower changes; then it keeps the\n"
"text's length); None for any other text.");

static PyObject *
lower_plain(PyObject *Py_UNUSED(module), PyObject *text)
{
    int kind;
    const void *data;
    Py_ssize_t n;
    if (read_str(text, "lower_plain", &kind, &data, &n) < 0) {
        return NULL;
    }
    if (PyUnicode_IS_ASCII(text)) {
        return PyObject_CallMethod(text, "lower", NULL);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch >= 128 && (Py_UNICODE_ISUPPER(ch) || Py_UNICODE_ISTITLE(ch))) {
            Py_RETURN_NONE;
        }
    }
    /* the same characters but A-Z: the same widest character, the same kind */
    PyObject *out = PyUnicode_New(n, PyUnicode_MAX_CHAR_VALUE(text));
    if (out == NULL) {
        return NULL;
    }
    void *to = PyUnicode_DATA(out);
    memcpy(to, data, (size_t)n * (size_t)kind);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, to, i);
        if (ch >= 'A' && ch <= 'Z') {
            PyUnicode_WRITE(kind, to, i, ch + 32);
        }
    }
    return out;
}

static inline int
is_currency(Py_UCS4 ch)
{
    return ch == '$' || ch == 0x20ac || ch == 0xa3 || ch == 0xa5;
}

PyDoc_STRVAR(number_starts_doc,
"number_starts(text, /) -> tuple[int, ...]\n\n"
"Where the matches of ``[$€£¥\\d](?:(?<=[$€£¥])\\d)?(?<=\\d)\\d*`` start in\n"
"``text`` (a run of digits, or one currency sign right before one), as\n"
"``newsvet.signals.unattributed_figures._Scan.number_starts`` finds them.");

static PyObject *
number_starts(PyObject *Py_UNUSED(module), PyObject *text)
{
    int kind;
    const void *data;
    Py_ssize_t n;
    if (read_str(text, "number_starts", &kind, &data, &n) < 0) {
        return NULL;
    }
    Py_ssize_t i = 0;
    PyObject *starts = PyList_New(0);
    if (starts == NULL) {
        return NULL;
    }
    while (i < n) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        Py_ssize_t s = i, e;
        if (Py_UNICODE_ISDECIMAL(ch)) {
            e = i + 1;
        }
        else if (is_currency(ch) && i + 1 < n
                 && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i + 1))) {
            e = i + 2;
        }
        else {
            i++;
            continue;
        }
        while (e < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, e))) {
            e++;
        }
        if (append_new(starts, PyLong_FromSsize_t(s)) < 0) {
            Py_DECREF(starts);
            return NULL;
        }
        i = e;
    }
    return as_tuple(starts);
}

/* the end of the quote opened at i by ``open`` and closed by ``close``
 * (``[^close\n]{least,2000}close``, then for ‘…’ no word character after it),
 * or -1 */
static Py_ssize_t
quote_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, Py_UCS4 close,
          Py_ssize_t least, int word_after)
{
    Py_ssize_t j = i + 1, limit = i + 1 + 2000;
    while (j < n && j < limit) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        if (ch == close || ch == '\n') {
            break;
        }
        j++;
    }
    if (j >= n || PyUnicode_READ(kind, data, j) != close || j - (i + 1) < least) {
        return -1;
    }
    if (word_after && j + 1 < n && is_word(PyUnicode_READ(kind, data, j + 1))) {
        return -1;
    }
    return j + 1;
}

PyDoc_STRVAR(quote_spans_doc,
"quote_spans(text, /) -> tuple[tuple[int, int], ...]\n\n"
"The matches of ``“[^”\\n]{1,2000}”|\"[^\"\\n]{1,2000}\"|«[^»\\n]{1,2000}»|\n"
"‘[^’\\n]{8,2000}’(?!\\w)`` in ``text``, as (start, end), as\n"
"``newsvet.segment._quote_spans_reference`` finds them.");

static PyObject *
quote_spans(PyObject *Py_UNUSED(module), PyObject *text)
{
    int kind;
    const void *data;
    Py_ssize_t n;
    if (read_str(text, "quote_spans", &kind, &data, &n) < 0) {
        return NULL;
    }
    Py_ssize_t i = 0;
    PyObject *spans = PyList_New(0);
    if (spans == NULL) {
        return NULL;
    }
    while (i < n) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        Py_ssize_t e = -1;
        if (ch == 0x201c) {
            e = quote_end(kind, data, n, i, 0x201d, 1, 0);
        }
        else if (ch == '"') {
            e = quote_end(kind, data, n, i, '"', 1, 0);
        }
        else if (ch == 0xab) {
            e = quote_end(kind, data, n, i, 0xbb, 1, 0);
        }
        else if (ch == 0x2018) {
            e = quote_end(kind, data, n, i, 0x2019, 8, 1);
        }
        if (e < 0) {
            i++;
            continue;
        }
        if (add_span(spans, i, e) < 0) {
            Py_DECREF(spans);
            return NULL;
        }
        i = e;
    }
    return as_tuple(spans);
}

PyDoc_STRVAR(split_counts_doc,
"split_counts(text, spans, /) -> (counts, lettered)\n\n"
"For each (start, end) of the list ``spans``: how many words\n"
"``text[start:end].split()`` gives, and how many of them start with a\n"
"letter (``str.isalpha``), as ``newsvet.signals.hedging._kept_sentences``\n"
"counts them.");

static PyObject *
split_counts(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "split_counts() takes a str and a list");
        return NULL;
    }
    PyObject *text = args[0], *spans = args[1];
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), m = PyList_GET_SIZE(spans);
    PyObject *counts = PyList_New(m), *lettered = PyList_New(m);
    if (counts == NULL || lettered == NULL) {
        goto error;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        Py_ssize_t s, e;
        PyObject *span = PyList_GET_ITEM(spans, k);
        if (!PyTuple_Check(span) || !PyArg_ParseTuple(span, "nn", &s, &e)) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_TypeError, "spans must be (start, end) tuples");
            }
            goto error;
        }
        /* text[s:e] as slicing reads it */
        if (s < 0) {
            s = s + n < 0 ? 0 : s + n;
        }
        if (e < 0) {
            e = e + n < 0 ? 0 : e + n;
        }
        s = s > n ? n : s;
        e = e > n ? n : e;
        Py_ssize_t words = 0, letters = 0, i = s;
        while (i < e) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, i);
            if (Py_UNICODE_ISSPACE(ch)) {
                i++;
                continue;
            }
            words++;
            letters += Py_UNICODE_ISALPHA(ch) ? 1 : 0;
            while (i < e && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
                i++;
            }
        }
        PyObject *a = PyLong_FromSsize_t(words), *b = PyLong_FromSsize_t(letters);
        if (a == NULL || b == NULL) {
            Py_XDECREF(a);
            Py_XDECREF(b);
            goto error;
        }
        PyList_SET_ITEM(counts, k, a);
        PyList_SET_ITEM(lettered, k, b);
    }
    return Py_BuildValue("(NN)", counts, lettered);
error:
    Py_XDECREF(counts);
    Py_XDECREF(lettered);
    return NULL;
}

PyDoc_STRVAR(mentions_doc,
"mentions(text, words, /) -> bool\n\n"
"Whether ``text.lower()`` contains one of ``words``, a tuple of ASCII\n"
"strs, as ``newsvet.ingest.text._mentions_reference`` tests it. The text\n"
"is lower-cased once, the way str.lower does for what an ASCII word can\n"
"meet: A-Z to a-z, U+0130 to \"i\" and a combining dot, U+212A to \"k\";\n"
"every other character outside ASCII lower-cases to characters outside\n"
"ASCII, which no word holds.");

static PyObject *
mentions(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyTuple_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "mentions() takes a str and a tuple of str");
        return NULL;
    }
    PyObject *text = args[0], *words = args[1];
    int kind;
    const void *data;
    Py_ssize_t n;
    if (read_str(text, "mentions", &kind, &data, &n) < 0) {
        return NULL;
    }
    Py_ssize_t n_words = PyTuple_GET_SIZE(words);
    for (Py_ssize_t w = 0; w < n_words; w++) {
        PyObject *word = PyTuple_GET_ITEM(words, w);
        if (!PyUnicode_Check(word) || PyUnicode_READY(word) < 0 || !PyUnicode_IS_ASCII(word)) {
            PyErr_SetString(PyExc_TypeError, "mentions() takes words that are ASCII strs");
            return NULL;
        }
    }
    /* the lowered text, one byte per character (two for U+0130); 0x80 for
     * any character outside ASCII */
    unsigned char small[1024];
    unsigned char *low = small;
    if (n > (Py_ssize_t)(sizeof(small) / 2)) {
        low = PyMem_Malloc((size_t)n * 2);
        if (low == NULL) {
            return PyErr_NoMemory();
        }
    }
    Py_ssize_t m = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < 128) {
            low[m++] = (unsigned char)((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
        }
        else if (ch == 0x130) {
            low[m++] = 'i';
            low[m++] = 0x80;
        }
        else {
            low[m++] = ch == 0x212a ? 'k' : 0x80;
        }
    }
    int found = 0;
    for (Py_ssize_t w = 0; w < n_words && !found; w++) {
        PyObject *word = PyTuple_GET_ITEM(words, w);
        const unsigned char *p = PyUnicode_1BYTE_DATA(word);
        Py_ssize_t k = PyUnicode_GET_LENGTH(word);
        if (k == 0) {
            found = 1;
            break;
        }
        if (k > m) {
            continue;
        }
        const unsigned char *at = low, *last = low + (m - k);
        while (at <= last) {
            at = memchr(at, p[0], (size_t)(last - at) + 1);
            if (at == NULL) {
                break;
            }
            if (memcmp(at + 1, p + 1, (size_t)k - 1) == 0) {
                found = 1;
                break;
            }
            at++;
        }
    }
    if (low != small) {
        PyMem_Free(low);
    }
    return PyBool_FromLong(found);
}

PyDoc_STRVAR(walk_counts_doc,
"walk_counts(text, nextmove, rowbase, output, n_features, /) -> tuple[bytes, bytes]\n\n"
"The outputs met walking the byte automaton of py3langid's tokeniser over\n"
"the bytes ``text`` from state 0 (per byte ``s = nextmove[rowbase[s] +\n"
"byte]``, then ``output[s]`` when it is not negative; ``nextmove`` a buffer\n"
"of uint32, ``rowbase`` and ``output`` of int64), counted: the distinct\n"
"outputs in the order first met (int64) and how often each was met\n"
"(float32), as ``newsvet.ingest.detect``'s Python walk (``_visits``) counts\n"
"them. ``n_features``: outputs must be below it.");

static PyObject *
walk_counts(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 5 || !PyBytes_Check(args[0]) || !PyLong_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "walk_counts() takes bytes, three buffers and an int");
        return NULL;
    }
    Py_ssize_t n_features = PyLong_AsSsize_t(args[4]);
    if (n_features == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (n_features < 0 || n_features > INT32_MAX) {
        PyErr_SetString(PyExc_ValueError, "walk_counts() takes 0 <= n_features < 2**31");
        return NULL;
    }
    Py_buffer nm = {0}, rb = {0}, out = {0};
    PyObject *result = NULL;
    int32_t *slot = NULL; /* a hash table: 1 + the place of a feature among the found */
    int64_t *idx = NULL, *counts = NULL;
    float *wide = NULL;
    if (PyObject_GetBuffer(args[1], &nm, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0
        || PyObject_GetBuffer(args[2], &rb, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0
        || PyObject_GetBuffer(args[3], &out, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        goto done;
    }
    if (nm.itemsize != 4 || rb.itemsize != 8 || out.itemsize != 8
        || strchr("IL", nm.format[0]) == NULL || strchr("ql", rb.format[0]) == NULL
        || strchr("ql", out.format[0]) == NULL) {
        PyErr_SetString(PyExc_TypeError, "walk_counts() takes uint32, int64, int64 buffers");
        goto done;
    }
    const uint32_t *next = nm.buf;
    const int64_t *rows = rb.buf, *outputs = out.buf;
    Py_ssize_t n_next = nm.len / 4, n_states = rb.len / 8;
    if (out.len / 8 < n_states) {
        PyErr_SetString(PyExc_ValueError, "output is shorter than rowbase");
        goto done;
    }
    const uint8_t *p = (const uint8_t *)PyBytes_AS_STRING(args[0]);
    Py_ssize_t n = PyBytes_GET_SIZE(args[0]), n_found = 0;
    if (n >= INT32_MAX / 2) {
        PyErr_SetString(PyExc_ValueError, "walk_counts() takes fewer than 2**30 bytes");
        goto done;
    }
    /* the distinct outputs met (at most one per byte) in an open-addressing
     * table at least twice as large: slot 0 is empty */
    size_t size = 16;
    while (size < 2 * ((size_t)n + 1)) {
        size *= 2;
    }
    const size_t mask = size - 1;
    slot = PyMem_Calloc(size, sizeof(int32_t));
    idx = PyMem_Malloc(((size_t)n + 1) * sizeof(int64_t));
    counts = PyMem_Malloc(((size_t)n + 1) * sizeof(int64_t));
    if (slot == NULL || idx == NULL || counts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int64_t s = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (s < 0 || s >= n_states || rows[s] < 0 || rows[s] + p[i] >= n_next) {
            PyErr_SetString(PyExc_ValueError, "the automaton leaves its tables");
            goto done;
        }
        s = next[rows[s] + p[i]];
        if (s >= n_states) {
            PyErr_SetString(PyExc_ValueError, "the automaton leaves its tables");
            goto done;
        }
        int64_t f = outputs[s];
        if (f >= 0) {
            if (f >= n_features) {
                PyErr_SetString(PyExc_ValueError, "an output is not below n_features");
                goto done;
            }
            size_t h = ((uint64_t)f * 0x9E3779B97F4A7C15ULL) >> 32 & mask;
            while (slot[h] != 0 && idx[slot[h] - 1] != f) {
                h = (h + 1) & mask;
            }
            if (slot[h] == 0) {
                idx[n_found] = f;
                counts[n_found] = 0;
                slot[h] = (int32_t)++n_found;
            }
            counts[slot[h] - 1] += 1;
        }
    }
    /* the counts as float32, each rounded once (as numpy converts them) */
    wide = PyMem_Malloc(((size_t)n_found + 1) * sizeof(float));
    if (wide == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < n_found; k++) {
        wide[k] = (float)counts[k];
    }
    {
        PyObject *a = PyBytes_FromStringAndSize((const char *)idx, n_found * (Py_ssize_t)sizeof(int64_t));
        PyObject *b = PyBytes_FromStringAndSize((const char *)wide, n_found * (Py_ssize_t)sizeof(float));
        if (a != NULL && b != NULL) {
            result = PyTuple_Pack(2, a, b);
        }
        Py_XDECREF(a);
        Py_XDECREF(b);
    }
done:
    PyMem_Free(slot);
    PyMem_Free(idx);
    PyMem_Free(counts);
    PyMem_Free(wide);
    release(&nm);
    release(&rb);
    release(&out);
    return result;
}

static PyMethodDef speedups_methods[] = {
    {"split_counts", (PyCFunction)(void (*)(void))split_counts, METH_FASTCALL, split_counts_doc},
    {"quote_spans", (PyCFunction)quote_spans, METH_O, quote_spans_doc},
    {"number_starts", (PyCFunction)number_starts, METH_O, number_starts_doc},
    {"lower_plain", (PyCFunction)lower_plain, METH_O, lower_plain_doc},
    {"mentions", (PyCFunction)(void (*)(void))mentions, METH_FASTCALL, mentions_doc},
    {"walk_counts", (PyCFunction)(void (*)(void))walk_counts, METH_FASTCALL, walk_counts_doc},
    {"hash_columns", (PyCFunction)(void (*)(void))hash_columns, METH_FASTCALL, hash_columns_doc},
    {"gram_columns", (PyCFunction)(void (*)(void))gram_columns, METH_FASTCALL, gram_columns_doc},
    {"token_marks", (PyCFunction)token_marks, METH_O, token_marks_doc},
    {"sentence_spans", (PyCFunction)(void (*)(void))sentence_spans, METH_FASTCALL,
     sentence_spans_doc},
    {"textstat_counts", (PyCFunction)(void (*)(void))textstat_counts, METH_FASTCALL,
     textstat_counts_doc},
    {"az_runs", (PyCFunction)az_runs, METH_O, az_runs_doc},
    {"az_run_hits", (PyCFunction)(void (*)(void))az_run_hits, METH_FASTCALL, az_run_hits_doc},
    {"word_table", (PyCFunction)word_table, METH_O, word_table_doc},
    {"type_table", (PyCFunction)type_table, METH_O, type_table_doc},
    {NULL, NULL, 0, NULL},
};

static int
speedups_exec(PyObject *Py_UNUSED(module))
{
    for (Py_UCS4 c = 0; c < 128; c++) {
        ascii_alnum[c] = (unsigned char)(Py_UNICODE_ISALNUM(c) ? 1 : 0);
    }
    if (apostrophe_curly == NULL) {
        apostrophe_curly = PyUnicode_FromOrdinal(0x2019);
        apostrophe_straight = PyUnicode_FromOrdinal('\'');
        if (apostrophe_curly == NULL || apostrophe_straight == NULL) {
            return -1;
        }
    }
    return 0;
}

static PyModuleDef_Slot speedups_slots[] = {
    {Py_mod_exec, speedups_exec},
    {0, NULL},
};

static struct PyModuleDef speedups_module = {
    PyModuleDef_HEAD_INIT,
    "newsvet._speedups",
    "Per-character scans of newsvet's text rules, in C (see the source's header).",
    0,
    speedups_methods,
    speedups_slots,
    NULL,
    NULL,
    NULL,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModuleDef_Init(&speedups_module);
}
