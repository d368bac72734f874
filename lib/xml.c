/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: a small, strict scanner for the XML of a CIB. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "xml.h"

#define MAX_DEPTH 256

static bool
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* a name character: anything but blanks and the markup characters */
static bool
name_char(char c)
{
	return c != '\0' && !blank(c) && strchr("<>/=\"'&?!", c) == NULL;
}

static int
bad(berth_error_t *err, size_t at, const char *what)
{
	return berth_error_set(err, BERTH_E_PROTOCOL, "the XML is not what berth can read at byte %zu: %s", at, what);
}

/* Skip from text[i] (just after "<?", "<!--" ...) past the terminator; len when missing. */
static size_t
skip_past(const char *text, size_t len, size_t i, const char *terminator)
{
	size_t t = strlen(terminator);

	for (; i + t <= len; i++)
		if (memcmp(text + i, terminator, t) == 0)
			return i + t;
	return SIZE_MAX;
}

/* The attributes of a start tag from text[i] to its '>': each name="value" (or 'value').
 * Calls fn for each; stops at the '>' or "/>". \return offset of '>' (or '/' of "/>"), or SIZE_MAX */
static size_t
attributes(const char *text, size_t len, size_t i,
	   bool (*fn)(void *arg, const char *name, size_t nlen, size_t voff, size_t vlen), void *arg)
{
	for (;;) {
		size_t n0, n1, v0;
		char q;

		while (i < len && blank(text[i]))
			i++;
		if (i >= len)
			return SIZE_MAX;
		if (text[i] == '>' || (text[i] == '/' && i + 1 < len && text[i + 1] == '>'))
			return i;
		n0 = i;
		while (i < len && name_char(text[i]))
			i++;
		n1 = i;
		if (n1 == n0)
			return SIZE_MAX;
		while (i < len && blank(text[i]))
			i++;
		if (i >= len || text[i] != '=')
			return SIZE_MAX;
		i++;
		while (i < len && blank(text[i]))
			i++;
		if (i >= len || (text[i] != '"' && text[i] != '\''))
			return SIZE_MAX;
		q = text[i++];
		v0 = i;
		while (i < len && text[i] != q && text[i] != '<')
			i++;
		if (i >= len || text[i] != q)
			return SIZE_MAX;
		if (fn != NULL && !fn(arg, text + n0, n1 - n0, v0, i - v0))
			return i;
		i++;
		/* attributes are separated by blanks */
		if (i < len && !blank(text[i]) && text[i] != '>' && text[i] != '/')
			return SIZE_MAX;
	}
}

int
berth_xml_scan(const char *text, size_t len, struct berth_xml_element **elems, size_t *n, berth_error_t *err)
{
	struct berth_xml_element *v = NULL;
	size_t cap = 0, count = 0, i = 0;
	int stack[MAX_DEPTH], depth = 0;

	*elems = NULL;
	*n = 0;
	/* XML has no NUL character; one would also end the text for every C string function */
	if (memchr(text, '\0', len) != NULL)
		return bad(err, (size_t)((const char *)memchr(text, '\0', len) - text), "a NUL byte");
	while (i < len) {
		size_t j, name0;

		if (text[i] != '<') {
			i++;
			continue;
		}
		if (i + 1 < len && text[i + 1] == '?') {
			j = skip_past(text, len, i + 2, "?>");
		} else if (len - i >= 4 && memcmp(text + i, "<!--", 4) == 0) {
			j = skip_past(text, len, i + 4, "-->");
		} else if (len - i >= 9 && memcmp(text + i, "<![CDATA[", 9) == 0) {
			j = skip_past(text, len, i + 9, "]]>");
		} else if (i + 1 < len && text[i + 1] == '!') {
			/* <!DOCTYPE ...> without an internal subset */
			for (j = i + 2; j < len && text[j] != '>' && text[j] != '['; j++)
				;
			if (j >= len || text[j] == '[') {
				free(v);
				return bad(err, i, "a DOCTYPE with an internal subset");
			}
			j++;
		} else if (i + 1 < len && text[i + 1] == '/') {
			const struct berth_xml_element *open;
			size_t k;

			for (k = i + 2; k < len && name_char(text[k]); k++)
				;
			if (depth == 0) {
				free(v);
				return bad(err, i, "an end tag without a start tag");
			}
			open = &v[stack[depth - 1]];
			if (k - (i + 2) != strlen(open->name) || memcmp(text + i + 2, open->name, k - (i + 2)) != 0) {
				free(v);
				return bad(err, i, "an end tag that does not match its start tag");
			}
			while (k < len && blank(text[k]))
				k++;
			if (k >= len || text[k] != '>') {
				free(v);
				return bad(err, i, "an unterminated end tag");
			}
			depth--;
			j = k + 1;
		} else {
			struct berth_xml_element *e;

			name0 = i + 1;
			for (j = name0; j < len && name_char(text[j]); j++)
				;
			if (j == name0 || j - name0 >= sizeof(v->name)) {
				free(v);
				return bad(err, i, "an element name that is empty or too long");
			}
			if (count == cap) {
				cap = cap ? cap * 2 : 64;
				v = berth_xrealloc(v, cap * sizeof(*v));
			}
			e = &v[count];
			memcpy(e->name, text + name0, j - name0);
			e->name[j - name0] = '\0';
			e->start = i;
			e->parent = depth > 0 ? stack[depth - 1] : -1;
			j = attributes(text, len, j, NULL, NULL);
			if (j == SIZE_MAX) {
				free(v);
				return bad(err, i, "a malformed start tag");
			}
			if (text[j] == '/') {
				j += 2;
			} else {
				if (depth == MAX_DEPTH) {
					free(v);
					return bad(err, i, "elements nested too deep");
				}
				stack[depth++] = (int)count;
				j++;
			}
			e->end = j;
			count++;
		}
		if (j == SIZE_MAX) {
			free(v);
			return bad(err, i, "an unterminated comment, processing instruction or CDATA section");
		}
		i = j;
	}
	if (depth != 0) {
		free(v);
		return bad(err, len, "an element that is never closed");
	}
	*elems = v;
	*n = count;
	return 0;
}

struct find {
	const char *name;
	size_t off, len;
	bool found;
};

static bool
find_attr(void *arg, const char *name, size_t nlen, size_t voff, size_t vlen)
{
	struct find *f = arg;

	if (nlen != strlen(f->name) || memcmp(name, f->name, nlen) != 0)
		return true;
	f->found = true;
	f->off = voff;
	f->len = vlen;
	return false;
}

char *
berth_xml_attr(const char *text, const struct berth_xml_element *e, const char *name, size_t *off, size_t *len)
{
	struct find f = { name, 0, 0, false };

	(void)attributes(text, e->end, e->start + 1 + strlen(e->name), find_attr, &f);
	if (!f.found)
		return NULL;
	if (off != NULL)
		*off = f.off;
	if (len != NULL)
		*len = f.len;
	return berth_xml_decode(text + f.off, f.len);
}

/* one UTF-8 encoded code point into out; \return bytes written (0 for an invalid one) */
static size_t
utf8_put(unsigned long c, char *out)
{
	if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

char *
berth_xml_decode(const char *raw, size_t len)
{
	static const struct {
		const char *name;
		char c;
	} named[] = { { "lt", '<' }, { "gt", '>' }, { "amp", '&' }, { "quot", '"' }, { "apos", '\'' } };
	char *out = berth_xmalloc(len + 1);
	size_t i = 0, n = 0, k;

	while (i < len) {
		const char *semi;
		size_t elen;
		bool done = false;

		if (raw[i] != '&' || (semi = memchr(raw + i, ';', len - i)) == NULL) {
			out[n++] = raw[i++];
			continue;
		}
		elen = (size_t)(semi - (raw + i + 1));
		for (k = 0; k < sizeof(named) / sizeof(named[0]) && !done; k++)
			if (elen == strlen(named[k].name) && memcmp(raw + i + 1, named[k].name, elen) == 0) {
				out[n++] = named[k].c;
				done = true;
			}
		if (!done && elen >= 2 && elen < 12 && raw[i + 1] == '#') {
			char num[16], *end = NULL;
			bool hex = raw[i + 2] == 'x';
			unsigned long c;
			size_t w;

			memcpy(num, raw + i + 2 + hex, elen - 1 - hex);
			num[elen - 1 - hex] = '\0';
			c = num[0] ? strtoul(num, &end, hex ? 16 : 10) : 0;
			if (end != NULL && *end == '\0' && (w = utf8_put(c, out + n)) > 0 && w <= elen + 2) {
				n += w;
				done = true;
			}
		}
		if (!done) {
			/* not an entity berth knows: kept as it is */
			out[n++] = raw[i++];
			continue;
		}
		i += elen + 2;
	}
	out[n] = '\0';
	return out;
}

int
berth_xml_ancestor(const struct berth_xml_element *elems, size_t i, const char *name)
{
	int p;

	for (p = elems[i].parent; p >= 0; p = elems[p].parent)
		if (strcmp(elems[p].name, name) == 0)
			return p;
	return -1;
}

bool
berth_xml_inside(const struct berth_xml_element *elems, size_t i, size_t a)
{
	int p;

	for (p = elems[i].parent; p >= 0; p = elems[p].parent)
		if ((size_t)p == a)
			return true;
	return false;
}
