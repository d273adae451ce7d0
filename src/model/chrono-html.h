#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * ChronoHtmlLink:
 * @url: the href target, entities decoded
 * @text: the plain text of the anchor, or NULL when it had none
 */
typedef struct
{
  char *url;
  char *text;
} ChronoHtmlLink;

void  chrono_html_link_free   (ChronoHtmlLink *link);

char *chrono_html_to_text     (const char     *html,
                               gssize          length,
                               GPtrArray      *links);
char *chrono_html_decode_entities (const char *text,
                                   gssize      length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoHtmlLink, chrono_html_link_free)

G_END_DECLS
