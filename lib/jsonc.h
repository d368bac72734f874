/* berth: the json-c calls that differ between json-c 0.13 (berth's floor) and newer, chosen at
 * compile time by JSON_C_VERSION_NUM. */
#ifndef BERTH_JSONC_H
#define BERTH_JSONC_H

#include <stddef.h>

#include <json-c/json.h>

/* json-c 0.14 added json_tokener_get_parse_end() and JSON_TOKENER_VALIDATE_UTF8. Before it, the
 * tokener's char_offset says where parsing stopped, and berth checks UTF-8 itself
 * (berth_utf8_valid_n, lib/ocf.h). The compatibility build (configure --enable-compat-fallbacks,
 * BERTH_FORCE_OLD_JSONC) takes the older branch on any json-c, so that it is compiled and tested. */
#if JSON_C_VERSION_NUM >= ((0 << 16) | (14 << 8)) && !defined(BERTH_FORCE_OLD_JSONC)
#define BERTH_JSONC_HAS_PARSE_END 1
#else
#define BERTH_JSONC_HAS_PARSE_END 0
#endif

/** The offset in the text just past the value tok parsed last. */
static inline size_t
berth_jsonc_parse_end(json_tokener *tok)
{
#if BERTH_JSONC_HAS_PARSE_END
	return json_tokener_get_parse_end(tok);
#else
	return tok->char_offset > 0 ? (size_t)tok->char_offset : 0;
#endif
}

#endif
