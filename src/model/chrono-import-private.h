#pragma once

#include <json-glib/json-glib.h>

#include "chrono-csv-mapping.h"
#include "chrono-document-builder.h"
#include "chrono-import.h"
#include "chrono-loader.h"

G_BEGIN_DECLS

/* Helpers shared by the TimelineJS and CSV importers (both map the same
 * TimelineJS slide model; the CSV template is TimelineJS in columns). */

typedef struct _ChronoImporter ChronoImporter;

ChronoImporter *_chrono_importer_new          (ChronoDocumentBuilder *builder);
void            _chrono_importer_free         (ChronoImporter        *self);
/* Marks an id given in the file as taken, so made-up ids avoid it. */
void            _chrono_importer_reserve_id   (ChronoImporter        *self,
                                               const char            *id);
/* A new unique id slugged from @title ("Joins OpenAI" -> "joins-openai",
 * then "joins-openai-2"...).  Owned by the importer. */
const char     *_chrono_importer_make_id      (ChronoImporter        *self,
                                               const char            *title);
/* The id of the lane titled @name, adding the lane on first use; lane ids
 * are slugs of the names, made unique.  Owned by the importer. */
const char     *_chrono_importer_lane         (ChronoImporter        *self,
                                               const char            *name,
                                               const char            *path,
                                               ChronoPos              pos);
const char     *_chrono_importer_category     (ChronoImporter        *self,
                                               const char            *name,
                                               const char            *path,
                                               ChronoPos              pos);

/* The fields of a TimelineJS date, as text ("1,835", " 12 ", "" or NULL). */
typedef enum
{
  CHRONO_TLJS_YEAR,
  CHRONO_TLJS_MONTH,
  CHRONO_TLJS_DAY,
  CHRONO_TLJS_HOUR,
  CHRONO_TLJS_MINUTE,
  CHRONO_TLJS_SECOND,
  CHRONO_TLJS_MILLISECOND,
  CHRONO_TLJS_N_FIELDS,
} ChronoTljsField;

extern const char * const _chrono_tljs_field_names[CHRONO_TLJS_N_FIELDS];

/* Parses a number as real files write it: surrounding spaces, thousands
 * separators (",", "_", "'", spaces), a sign.  "" and blanks set @empty. */
gboolean _chrono_tljs_parse_number (const char *text,
                                    gint64     *out,
                                    gboolean   *empty);
/* Makes a date from TimelineJS fields; the precision is the finest field
 * given; negative years are BC (-500 is 500 BC).  FALSE when no field is
 * given (@bad_field = -1) or on an error, with @bad_field the field at
 * fault and @message (translated) what is wrong. */
gboolean _chrono_tljs_make_date    (const char * const fields[CHRONO_TLJS_N_FIELDS],
                                    ChronoDate *out,
                                    int        *bad_field,
                                    char      **message);

/* The members of a slide links come from, for reporting a bad one. */
typedef enum
{
  CHRONO_TLJS_HEADLINE,
  CHRONO_TLJS_TEXT,
  CHRONO_TLJS_MEDIA_URL,
  CHRONO_TLJS_MEDIA_CAPTION,
  CHRONO_TLJS_MEDIA_CREDIT,
  CHRONO_TLJS_MEDIA_LINK,
  CHRONO_TLJS_MEDIA_THUMBNAIL,
  CHRONO_TLJS_BACKGROUND,
} ChronoTljsMember;

/* Called for each link of @member that chrono_link_normalize_url()
 * refuses, with its @error; the link is left out. */
typedef void (*ChronoTljsBadLinkFunc) (ChronoTljsMember  member,
                                       const GError     *error,
                                       gpointer          user_data);

/* The text members of a TimelineJS slide (HTML where TimelineJS allows
 * it), and who hears about its bad links. */
typedef struct
{
  const char            *headline;
  const char            *text;
  const char            *media_url;
  const char            *media_caption;
  const char            *media_credit;
  const char            *media_title;
  const char            *media_link;
  const char            *media_thumbnail;
  const char            *background_url;
  const char            *background_color;
  ChronoTljsBadLinkFunc  bad_link;
  gpointer               bad_link_data;
} ChronoTljsSlide;

/* Turns a slide into plain-text title (NULL when the slide has nothing to
 * call it by), description (NULL when empty) and links (a GArray of
 * ChronoLink whose strings are owned by @strings): only the http, https
 * and mailto ones; the others go to @slide's bad_link.  With @media,
 * the slide's media become a picture, a quote or a link card there
 * (strings owned by @strings; returns TRUE), their caption and credit
 * with them; without, or when the media are other embed code, the
 * caption and credit are paragraphs of the description. */
gboolean _chrono_tljs_slide_convert (const ChronoTljsSlide *slide,
                                     char                 **title,
                                     char                 **description,
                                     GArray                *links,
                                     GPtrArray             *strings,
                                     ChronoMedia           *media);

/* Sets the document's title, description, cover media and background
 * from the title slide @slide (each when there is one); @links and
 * @strings as above. */
void _chrono_tljs_set_title_slide (ChronoDocumentBuilder *builder,
                                   const ChronoTljsSlide *slide,
                                   GArray                *links,
                                   GPtrArray             *strings);

/* The lane name for a TimelineJS group (HTML -> one line of text), or
 * NULL when it is blank. */
char *_chrono_tljs_group_name   (const char            *group);

/* chrono_import_csv() with the columns of @mapping (NULL: by their
 * names); counts the data rows and the skipped ones (either may be NULL). */
gboolean _chrono_import_csv_mapped (const char                     *data,
                                    gsize                           length,
                                    ChronoLoadFlags                 flags,
                                    const ChronoCsvMapping         *mapping,
                                    ChronoDocumentBuilder          *builder,
                                    guint                          *n_data_rows,
                                    guint                          *n_skipped);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoImporter, _chrono_importer_free)

G_END_DECLS
