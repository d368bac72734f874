/* SPDX-License-Identifier: GPL-2.0-or-later */
/* berth: a small, strict scanner for the XML Pacemaker writes (a CIB), for berth migrate: which
 * elements there are, where, and their attributes. It changes a CIB by splicing at the offsets
 * it found, so everything else stays byte for byte. No DTD internal subsets, no namespaces
 * resolved; anything it does not understand (a NUL byte included) is an error, never a guess. */
#ifndef BERTH_XML_H
#define BERTH_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/** One element: its start tag. */
struct berth_xml_element {
	char name[64];
	size_t start; /**< offset of its '<' */
	size_t end;   /**< offset just after the '>' of its start tag */
	int parent;   /**< index of the enclosing element, -1 for the root */
};

/**
 * Scan a document: every element, in document order.
 * \param elems out: malloc'd array; caller frees
 * \return 0, or the negative cause with err (BERTH_E_PROTOCOL) naming the offset of what is not well-formed
 */
int berth_xml_scan(const char *text, size_t len, struct berth_xml_element **elems, size_t *n, berth_error_t *err);

/**
 * An attribute of an element scanned from text.
 * \param off, len  out (may be NULL): where its raw value is in text (between the quotes)
 * \return malloc'd decoded value, or NULL when the element has no such attribute
 */
char *berth_xml_attr(const char *text, const struct berth_xml_element *e, const char *name, size_t *off, size_t *len);

/** Decode the five predefined entities and character references. \return malloc'd text */
char *berth_xml_decode(const char *raw, size_t len);

/** Is element i inside an element named name (at any depth)? \return its index, or -1 */
int berth_xml_ancestor(const struct berth_xml_element *elems, size_t i, const char *name);

/** Is element i inside element a (at any depth)? */
bool berth_xml_inside(const struct berth_xml_element *elems, size_t i, size_t a);

#endif
