#define G_LOG_DOMAIN "chrono-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chrono-csv-mapping.h"
#include "chrono-import-private.h"
#include "chrono-limits.h"
#include "chrono-link.h"

/* CSV with a header row, RFC 4180 plus what spreadsheets write: a UTF-8
 * BOM, CRLF or CR line ends, ',' ';' or tab delimiters (detected from the
 * header), blank trailing columns and rows.  Two sets of columns:
 * Chronoscope's own (title, start, end, lane, category, description, tags,
 * link, id, importance) and TimelineJS's spreadsheet template (Year, Month,
 * Day, Time, End Year..., Headline, Text, Media..., Type, Group).
 *
 * Rows are numbered as a spreadsheet numbers them (the header is row 1);
 * positions are the line and column of the cell in the file. */

typedef enum
{
  COL_NONE,
  /* Chronoscope */
  COL_TITLE,
  COL_START,
  COL_END,
  COL_LANE,
  COL_CATEGORY,
  COL_DESCRIPTION,
  COL_TAGS,
  COL_LINK,
  COL_ID,
  COL_IMPORTANCE,
  /* TimelineJS */
  COL_YEAR,
  COL_MONTH,
  COL_DAY,
  COL_TIME,
  COL_END_YEAR,
  COL_END_MONTH,
  COL_END_DAY,
  COL_END_TIME,
  COL_DISPLAY_DATE,
  COL_HEADLINE,
  COL_TEXT,
  COL_MEDIA,
  COL_MEDIA_CREDIT,
  COL_MEDIA_CAPTION,
  COL_MEDIA_THUMBNAIL,
  COL_TYPE,
  COL_GROUP,
  COL_BACKGROUND,
  N_COLUMNS
} Column;

#define FIRST_TLJS_COLUMN COL_YEAR

static const struct {
  const char *name;  /* lower case, words separated by one space */
  Column      column;
} column_names[] = {
  { "title", COL_TITLE },
  { "start", COL_START },
  { "end", COL_END },
  { "lane", COL_LANE },
  { "category", COL_CATEGORY },
  { "description", COL_DESCRIPTION },
  { "tags", COL_TAGS },
  { "link", COL_LINK },
  { "id", COL_ID },
  { "importance", COL_IMPORTANCE },
  { "year", COL_YEAR },
  { "month", COL_MONTH },
  { "day", COL_DAY },
  { "time", COL_TIME },
  { "end year", COL_END_YEAR },
  { "end month", COL_END_MONTH },
  { "end day", COL_END_DAY },
  { "end time", COL_END_TIME },
  { "display date", COL_DISPLAY_DATE },
  { "headline", COL_HEADLINE },
  { "text", COL_TEXT },
  { "media", COL_MEDIA },
  { "media credit", COL_MEDIA_CREDIT },
  { "media caption", COL_MEDIA_CAPTION },
  { "media thumbnail", COL_MEDIA_THUMBNAIL },
  { "type", COL_TYPE },
  { "group", COL_GROUP },
  { "background", COL_BACKGROUND },
};

typedef struct
{
  char      *text;  /* trimmed */
  ChronoPos  pos;
} Cell;

typedef struct
{
  GArray    *cells; /* of Cell */
  guint      row;   /* 1-based record number */
  ChronoPos  pos;
  ChronoPos  end;   /* where the record's newline is */
} Record;

typedef struct
{
  const char *p;
  const char *end;
  guint       line;
  guint       column;
  char        delimiter;
} Reader;

typedef struct
{
  ChronoDocumentBuilder *builder;
  ChronoImporter        *importer;
  ChronoLoadFlags        flags;
  GPtrArray             *records;           /* of Record */
  const Record          *header;
  int                    index[N_COLUMNS];  /* cell index of each column, or -1 */
  gboolean               timelinejs;
  gboolean               has_title;
  guint                  skipped;
  gboolean               warned_extra;
  const ChronoCsvMapping *mapping;          /* or NULL: columns by their names */
} Csv;

static void
cell_clear (gpointer data)
{
  g_free (((Cell *) data)->text);
}

static void
record_free (gpointer data)
{
  Record *record = data;

  g_array_unref (record->cells);
  g_free (record);
}

static void
add_diagnostic (ChronoDocumentBuilder *builder,
                ChronoErrorCode        code,
                gboolean               is_warning,
                ChronoPos              pos,
                const char            *hint,
                const char            *message)
{
  chrono_document_builder_add_diagnostic (builder,
                                          chrono_diagnostic_new (code, is_warning, pos, NULL,
                                                                 hint, "%s", message));
}

/* Reader {{{ */

static void
reader_advance (Reader *r)
{
  guchar c = (guchar) *r->p++;

  if (c == '\n')
    {
      r->line++;
      r->column = 1;
    }
  else if (c == '\r')
    {
      /* CRLF counts once, at its LF; a lone CR ends a line too. */
      if (r->p >= r->end || *r->p != '\n')
        {
          r->line++;
          r->column = 1;
        }
    }
  else if ((c & 0xC0) != 0x80)
    r->column++;
}

static ChronoPos
reader_pos (const Reader *r)
{
  return (ChronoPos) { r->line, r->column };
}

static gboolean
is_blank (const Reader *r,
          char          c)
{
  return c == ' ' || (c == '\t' && r->delimiter != '\t');
}

/* The delimiter that occurs most often, outside quotes, in the first line. */
static char
detect_delimiter (const char *p,
                  const char *end)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\n' || *p == '\r')
        break;
      else if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }

  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

/* Reads one record.  Returns NULL at the end of the data, or on a syntax
 * error, which is then reported and sets @failed. */
static Record *
reader_next (Reader                *r,
             guint                  row,
             ChronoDocumentBuilder *builder,
             gboolean              *failed)
{
  Record *record;

  *failed = FALSE;
  if (r->p >= r->end)
    return NULL;

  record = g_new0 (Record, 1);
  record->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (record->cells, cell_clear);
  record->row = row;
  record->pos = reader_pos (r);

  for (;;)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      const char *q = r->p;
      Cell cell;

      cell.pos = reader_pos (r);

      /* ` "a, b"` is quoted too: spreadsheets never write it, people do. */
      while (q < r->end && is_blank (r, *q))
        q++;
      if (q < r->end && *q == '"')
        {
          while (r->p < q)
            reader_advance (r);
          cell.pos = reader_pos (r);
          reader_advance (r);

          for (;;)
            {
              if (r->p >= r->end)
                {
                  add_diagnostic (builder, CHRONO_ERROR_CSV, FALSE, cell.pos,
                                  _("close it with another \""),
                                  _("this quoted field never ends"));
                  *failed = TRUE;
                  record_free (record);
                  return NULL;
                }
              if (*r->p == '"')
                {
                  reader_advance (r);
                  if (r->p < r->end && *r->p == '"')
                    {
                      g_string_append_c (text, '"');
                      reader_advance (r);
                      continue;
                    }
                  break;
                }
              if (*r->p == '\r')
                {
                  g_string_append_c (text, '\n');
                  reader_advance (r);
                  if (r->p < r->end && *r->p == '\n')
                    reader_advance (r);
                  continue;
                }
              g_string_append_c (text, *r->p);
              reader_advance (r);
            }

          while (r->p < r->end && is_blank (r, *r->p))
            reader_advance (r);
          if (r->p < r->end && *r->p != r->delimiter && *r->p != '\n' && *r->p != '\r')
            {
              g_autofree char *message = NULL;
              gunichar ch = g_utf8_get_char (r->p);
              char buf[8] = { 0 };

              g_unichar_to_utf8 (ch, buf);
              message = g_strdup_printf (_("unexpected “%s” after a closing quote"), buf);
              add_diagnostic (builder, CHRONO_ERROR_CSV, FALSE, reader_pos (r),
                              _("a quote inside a quoted field is written twice: \"\""),
                              message);
              *failed = TRUE;
              record_free (record);
              return NULL;
            }
        }
      else
        {
          while (r->p < r->end && *r->p != r->delimiter && *r->p != '\n' && *r->p != '\r')
            {
              g_string_append_c (text, *r->p);
              reader_advance (r);
            }
        }

      if (text->len > _chrono_limits ()->string_bytes)
        {
          g_autofree char *limit = g_format_size_full (_chrono_limits ()->string_bytes, G_FORMAT_SIZE_IEC_UNITS);
          g_autofree char *message = g_strdup_printf (_("a cell longer than %s"), limit);

          add_diagnostic (builder, CHRONO_ERROR_LIMIT, FALSE, cell.pos,
                          _("shorten it, or link to the text instead"), message);
          *failed = TRUE;
          record_free (record);
          return NULL;
        }
      cell.text = g_strstrip (g_strdup (text->str));
      g_array_append_val (record->cells, cell);

      if (r->p >= r->end)
        break;
      if (*r->p == r->delimiter)
        {
          reader_advance (r);
          continue;
        }

      /* A line end. */
      record->end = reader_pos (r);
      if (*r->p == '\r')
        reader_advance (r);
      if (r->p < r->end && *r->p == '\n')
        reader_advance (r);
      return record;
    }

  record->end = reader_pos (r);
  return record;
}

static gboolean
record_is_blank (const Record *record)
{
  for (guint i = 0; i < record->cells->len; i++)
    if (g_array_index (record->cells, Cell, i).text[0] != '\0')
      return FALSE;
  return TRUE;
}

/* }}} */

/* Cells {{{ */

static const char *
cell_text (Csv          *csv,
           const Record *record,
           Column        column)
{
  int i = csv->index[column];

  if (i < 0 || (guint) i >= record->cells->len)
    return "";
  return g_array_index (record->cells, Cell, i).text;
}

/* NULL for an empty cell. */
static const char *
cell_value (Csv          *csv,
            const Record *record,
            Column        column)
{
  const char *text = cell_text (csv, record, column);

  return text[0] != '\0' ? text : NULL;
}

/* The cell's position; a missing cell (short row) is placed at the end
 * of the record. */
static ChronoPos
cell_pos (Csv          *csv,
          const Record *record,
          Column        column)
{
  int i = csv->index[column];

  if (i < 0 || (guint) i >= record->cells->len)
    return record->end;
  return g_array_index (record->cells, Cell, i).pos;
}

/* The column's name as the header writes it. */
static const char *
column_title (Csv    *csv,
              Column  column)
{
  if (csv->index[column] < 0)
    {
      /* A column the error needs but the header lacks ("End Year" for
       * an era): its canonical name. */
      for (gsize k = 0; k < G_N_ELEMENTS (column_names); k++)
        if (column_names[k].column == column)
          return column_names[k].name;
      g_assert_not_reached ();
    }

  return g_array_index (csv->header->cells, Cell, csv->index[column]).text;
}

/* Adds a "row 7, column “start”: ..." error for @record to @errors. */
static void
row_error (Csv          *csv,
           GPtrArray    *errors,
           const Record *record,
           Column        column,
           ChronoErrorCode code,
           const char   *hint,
           const char   *message)
{
  g_autofree char *full = NULL;

  /* Translators: "row 7, column “start”: the month 13 does not exist" */
  full = g_strdup_printf (_("row %u, column “%s”: %s"), record->row,
                          column_title (csv, column), message);
  g_ptr_array_add (errors, chrono_diagnostic_new (code, FALSE, cell_pos (csv, record, column),
                                                  NULL, hint, "%s", full));
}

/* A link chrono_link_normalize_url() refused, in the cell of @column: an
 * error of the row, or in lenient mode a warning, the link being dropped
 * and the row kept. */
static void
bad_link (Csv          *csv,
          GPtrArray    *errors,
          const Record *record,
          Column        column,
          const GError *error)
{
  g_autofree char *message = NULL;

  if (!(csv->flags & CHRONO_LOAD_LENIENT))
    {
      row_error (csv, errors, record, column, CHRONO_ERROR_LINK, NULL, error->message);
      return;
    }

  /* Translators: "row 7, column “link”: “file:” links are not allowed…" */
  message = g_strdup_printf (_("row %u, column “%s”: %s; the link is dropped"), record->row,
                             column_title (csv, column), error->message);
  add_diagnostic (csv->builder, CHRONO_ERROR_LINK, TRUE, cell_pos (csv, record, column), NULL,
                  message);
}

typedef struct
{
  Csv          *csv;
  GPtrArray    *errors;
  const Record *record;
} SlideLinks;

static void
on_bad_slide_link (ChronoTljsMember  member,
                   const GError     *error,
                   gpointer          user_data)
{
  static const Column columns[] = {
    [CHRONO_TLJS_HEADLINE] = COL_HEADLINE,
    [CHRONO_TLJS_TEXT] = COL_TEXT,
    [CHRONO_TLJS_MEDIA_URL] = COL_MEDIA,
    [CHRONO_TLJS_MEDIA_CAPTION] = COL_MEDIA_CAPTION,
    [CHRONO_TLJS_MEDIA_CREDIT] = COL_MEDIA_CREDIT,
    [CHRONO_TLJS_MEDIA_LINK] = COL_MEDIA,
    [CHRONO_TLJS_MEDIA_THUMBNAIL] = COL_MEDIA_THUMBNAIL,
    [CHRONO_TLJS_BACKGROUND] = COL_BACKGROUND,
  };
  SlideLinks *where = user_data;

  bad_link (where->csv, where->errors, where->record, columns[member], error);
}

/* Reports the errors of a row; in lenient mode, as warnings, and the row
 * counts as skipped.  Returns TRUE when there was none. */
static gboolean
flush_row_errors (Csv       *csv,
                  GPtrArray *errors)
{
  gboolean ok = errors->len == 0;

  for (guint i = 0; i < errors->len; i++)
    {
      ChronoDiagnostic *diagnostic = g_ptr_array_index (errors, i);

      if (csv->flags & CHRONO_LOAD_LENIENT)
        diagnostic->is_warning = TRUE;
      chrono_document_builder_add_diagnostic (csv->builder, diagnostic);
      errors->pdata[i] = NULL;
    }
  g_ptr_array_set_size (errors, 0);

  if (!ok && (csv->flags & CHRONO_LOAD_LENIENT))
    csv->skipped++;

  return ok;
}

static void
warn_extra_cells (Csv          *csv,
                  const Record *record)
{
  if (csv->warned_extra)
    return;

  for (guint i = 0; i < record->cells->len; i++)
    {
      const Cell *cell = &g_array_index (record->cells, Cell, i);
      gboolean named = i < csv->header->cells->len &&
                       g_array_index (csv->header->cells, Cell, i).text[0] != '\0';

      if (!named && cell->text[0] != '\0')
        {
          g_autofree char *message =
            g_strdup_printf (_("row %u has a cell in a column without a name; "
                               "such cells are ignored"), record->row);

          add_diagnostic (csv->builder, CHRONO_ERROR_CSV, TRUE, cell->pos,
                          _("name the column in the header row"), message);
          csv->warned_extra = TRUE;
          return;
        }
    }
}

/* An end whose whole period lies before the start (the builder's rule),
 * checked here so that the row, not the file, is bad. */
static void
check_range (Csv              *csv,
             GPtrArray        *errors,
             const Record     *record,
             Column            column,
             const ChronoDate *start,
             const ChronoDate *end)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *message = NULL;

  if (end->precision == CHRONO_PRECISION_NONE || (end->flags & CHRONO_DATE_OPEN))
    return;
  if (chrono_date_get_period_end (end) > start->time)
    return;

  start_text = chrono_date_to_iso (start);
  end_text = chrono_date_to_iso (end);
  message = g_strdup_printf (_("the end %s is before the start %s"), end_text, start_text);
  row_error (csv, errors, record, column, CHRONO_ERROR_RANGE, NULL, message);
}

/* }}} */

/* Chronoscope columns {{{ */

/* A date cell: Chronoscope's dates, or the mapping's format. */
static gboolean
parse_date (Csv         *csv,
            const char  *text,
            gboolean     allow_open,
            ChronoDate  *out,
            GError     **error)
{
  if (csv->mapping == NULL)
    return chrono_date_parse (text, allow_open, out, NULL, error);
  return chrono_csv_parse_date (text, csv->mapping->date_format, allow_open, out, error);
}

static void
native_row (Csv          *csv,
            const Record *record,
            GPtrArray    *errors)
{
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (ChronoLink));
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) urls = NULL;
  g_autoptr(GPtrArray) tag_list = g_ptr_array_new ();
  g_autoptr(GPtrArray) normalized = g_ptr_array_new_with_free_func (g_free);
  ChronoEventDraft draft = { 0 };
  ChronoMedia media[1];
  const char *value;

  draft.title = cell_value (csv, record, COL_TITLE);
  if (draft.title == NULL)
    row_error (csv, errors, record, COL_TITLE, CHRONO_ERROR_MISSING_MEMBER, NULL,
               _("the title is missing"));

  value = cell_value (csv, record, COL_START);
  if (value == NULL)
    row_error (csv, errors, record, COL_START, CHRONO_ERROR_MISSING_MEMBER,
               _("write a date such as 2015-12-11"), _("the start date is missing"));
  else
    {
      g_autoptr(GError) error = NULL;

      if (!parse_date (csv, value, FALSE, &draft.start, &error))
        row_error (csv, errors, record, COL_START, CHRONO_ERROR_DATE, NULL, error->message);
    }

  value = cell_value (csv, record, COL_END);
  if (value != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!parse_date (csv, value, TRUE, &draft.end, &error))
        row_error (csv, errors, record, COL_END, CHRONO_ERROR_DATE, NULL, error->message);
    }

  if (errors->len == 0)
    check_range (csv, errors, record, COL_END, &draft.start, &draft.end);

  value = cell_value (csv, record, COL_IMPORTANCE);
  if (value != NULL)
    {
      guint64 importance;

      if (!g_ascii_string_to_unsigned (value, 10, 1, 5, &importance, NULL))
        row_error (csv, errors, record, COL_IMPORTANCE, CHRONO_ERROR_VALUE, NULL,
                   _("the importance must be a whole number from 1 to 5"));
      else
        draft.importance = (int) importance;
    }

  if (errors->len > 0)
    return;

  value = cell_value (csv, record, COL_LANE);
  if (value != NULL)
    draft.lane = _chrono_importer_lane (csv->importer, value, NULL, cell_pos (csv, record, COL_LANE));
  value = cell_value (csv, record, COL_CATEGORY);
  if (value != NULL)
    draft.category = _chrono_importer_category (csv->importer, value, NULL,
                                                cell_pos (csv, record, COL_CATEGORY));

  tags = g_strsplit (cell_text (csv, record, COL_TAGS), ";", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    if (g_strstrip (tags[i])[0] != '\0')
      g_ptr_array_add (tag_list, tags[i]);
  g_ptr_array_add (tag_list, NULL);

  urls = g_strsplit_set (cell_text (csv, record, COL_LINK), " \t\n", -1);
  for (guint i = 0; urls[i] != NULL; i++)
    if (urls[i][0] != '\0')
      {
        g_autoptr(GError) error = NULL;
        char *url = chrono_link_normalize_url (urls[i], &error);
        ChronoLink link = { NULL, url };

        if (url == NULL)
          {
            bad_link (csv, errors, record, COL_LINK, error);
            continue;
          }
        g_ptr_array_add (normalized, url);
        g_array_append_val (links, link);
      }

  {
    /* Read as the TimelineJS template's: a picture, a quote or a card. */
    ChronoTljsSlide slide = { 0 };
    SlideLinks slide_links = { csv, errors, record };
    g_autofree char *unused_title = NULL;
    g_autofree char *unused_description = NULL;

    slide.media_url = cell_value (csv, record, COL_MEDIA);
    slide.media_caption = cell_value (csv, record, COL_MEDIA_CAPTION);
    slide.media_credit = cell_value (csv, record, COL_MEDIA_CREDIT);
    slide.media_thumbnail = cell_value (csv, record, COL_MEDIA_THUMBNAIL);
    slide.bad_link = on_bad_slide_link;
    slide.bad_link_data = &slide_links;
    if (slide.media_url != NULL &&
        _chrono_tljs_slide_convert (&slide, &unused_title, &unused_description, links, normalized, media))
      draft.media = media;
  }

  draft.id = cell_value (csv, record, COL_ID);
  if (draft.id == NULL)
    draft.id = _chrono_importer_make_id (csv->importer, draft.title);
  draft.description = cell_value (csv, record, COL_DESCRIPTION);
  draft.tags = tag_list->len > 1 ? (const char * const *) tag_list->pdata : NULL;
  draft.links = links->len > 0 ? (const ChronoLink *) (gpointer) links->data : NULL;
  draft.n_links = links->len;
  draft.pos = record->pos;
  draft.lane_pos = cell_pos (csv, record, COL_LANE);
  draft.category_pos = cell_pos (csv, record, COL_CATEGORY);
  draft.end_pos = cell_pos (csv, record, COL_END);
  chrono_document_builder_add_event (csv->builder, &draft);
}

/* }}} */

/* TimelineJS template columns {{{ */

/* "14:30", "2:30:15 PM", "9", "14:30:15.250" -> hour, minute, second,
 * millisecond texts (NULL where not given). */
static gboolean
parse_time (const char *text,
            char       *fields[4])
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  g_auto(GStrv) parts = NULL;
  char *p = g_strstrip (lower);
  gsize len = strlen (p);
  int meridiem = 0; /* 1 am, 2 pm */
  guint n;
  gint64 hour;
  gboolean empty;

  if (len >= 2 && (g_str_has_suffix (p, "am") || g_str_has_suffix (p, "pm")))
    {
      meridiem = p[len - 2] == 'a' ? 1 : 2;
      p[len - 2] = '\0';
      g_strstrip (p);
      if (g_str_has_suffix (p, "."))
        p[strlen (p) - 1] = '\0';
    }
  else if (len >= 4 && (g_str_has_suffix (p, "a.m.") || g_str_has_suffix (p, "p.m.")))
    {
      meridiem = p[len - 4] == 'a' ? 1 : 2;
      p[len - 4] = '\0';
      g_strstrip (p);
    }

  if (p[0] == '\0')
    return FALSE;

  parts = g_strsplit (p, ":", -1);
  n = g_strv_length (parts);
  if (n > 3)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      gsize digits = strspn (parts[i], "0123456789");

      if (digits == 0 || digits > 2)
        return FALSE;
      if (parts[i][digits] != '\0')
        {
          /* Only the seconds take a fraction. */
          if (i != 2 || parts[i][digits] != '.' ||
              strspn (parts[i] + digits + 1, "0123456789") != strlen (parts[i] + digits + 1) ||
              parts[i][digits + 1] == '\0')
            return FALSE;
        }
    }

  if (!_chrono_tljs_parse_number (parts[0], &hour, &empty) || empty)
    return FALSE;
  if (meridiem != 0)
    {
      if (hour < 1 || hour > 12)
        return FALSE;
      hour = hour % 12 + (meridiem == 2 ? 12 : 0);
    }

  fields[0] = g_strdup_printf ("%" G_GINT64_FORMAT, hour);
  if (n > 1)
    fields[1] = g_strdup (parts[1]);
  if (n > 2)
    {
      char *dot = strchr (parts[2], '.');

      if (dot != NULL)
        {
          /* ".25" is 250 ms. */
          char ms[4] = "000";

          memcpy (ms, dot + 1, MIN (strlen (dot + 1), 3));
          fields[3] = g_strdup (ms);
          *dot = '\0';
        }
      fields[2] = g_strdup (parts[2]);
    }

  return TRUE;
}

/* Reads a date from the Year, Month, Day, Time columns starting at
 * @year.  FALSE on an error (added to @errors); *present is FALSE when
 * the row has no such date. */
static gboolean
tljs_date (Csv          *csv,
           const Record *record,
           Column        year,
           GPtrArray    *errors,
           ChronoDate   *out,
           gboolean     *present)
{
  const char *fields[CHRONO_TLJS_N_FIELDS] = { NULL };
  char *time_fields[4] = { NULL };
  g_autofree char *message = NULL;
  Column time = year + 3;
  gboolean ok = TRUE;
  int bad_field;

  *present = FALSE;
  memset (out, 0, sizeof *out);

  fields[CHRONO_TLJS_YEAR] = cell_value (csv, record, year);
  fields[CHRONO_TLJS_MONTH] = cell_value (csv, record, year + 1);
  fields[CHRONO_TLJS_DAY] = cell_value (csv, record, year + 2);

  if (cell_value (csv, record, time) != NULL)
    {
      if (!parse_time (cell_value (csv, record, time), time_fields))
        {
          g_autofree char *text =
            g_strdup_printf (_("“%s” is not a time"), cell_value (csv, record, time));

          row_error (csv, errors, record, time, CHRONO_ERROR_DATE,
                     _("write a time such as 14:30 or 2:30 PM"), text);
          ok = FALSE;
        }
      for (int i = 0; i < 4; i++)
        fields[CHRONO_TLJS_HOUR + i] = time_fields[i];
    }

  if (ok && !_chrono_tljs_make_date (fields, out, &bad_field, &message))
    {
      if (bad_field >= 0)
        {
          Column column = bad_field <= CHRONO_TLJS_DAY ? year + bad_field : time;

          row_error (csv, errors, record, column, CHRONO_ERROR_DATE, NULL, message);
          ok = FALSE;
        }
    }
  else if (ok)
    *present = TRUE;

  for (int i = 0; i < 4; i++)
    g_free (time_fields[i]);

  return ok;
}

static void
tljs_row (Csv          *csv,
          const Record *record,
          GPtrArray    *errors,
          GPtrArray    *story)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (ChronoLink));
  g_autofree char *type = g_utf8_strdown (cell_text (csv, record, COL_TYPE), -1);
  ChronoTljsSlide slide = { 0 };
  SlideLinks slide_links = { csv, errors, record };
  ChronoDate start, end;
  gboolean has_start = FALSE, has_end = FALSE;
  gboolean ok;

  slide.headline = cell_value (csv, record, COL_HEADLINE);
  slide.text = cell_value (csv, record, COL_TEXT);
  slide.media_url = cell_value (csv, record, COL_MEDIA);
  slide.media_caption = cell_value (csv, record, COL_MEDIA_CAPTION);
  slide.media_credit = cell_value (csv, record, COL_MEDIA_CREDIT);
  slide.media_thumbnail = cell_value (csv, record, COL_MEDIA_THUMBNAIL);
  /* The template's Background is a colour or a picture's address. */
  {
    const char *background = cell_value (csv, record, COL_BACKGROUND);

    if (background != NULL && background[0] == '#')
      slide.background_color = background;
    else
      slide.background_url = background;
  }
  slide.bad_link = on_bad_slide_link;
  slide.bad_link_data = &slide_links;

  if (g_strcmp0 (type, "title") == 0)
    {
      if (csv->has_title)
        {
          g_autofree char *message =
            g_strdup_printf (_("row %u, column “%s”: a second title row; ignored"),
                             record->row, column_title (csv, COL_TYPE));

          add_diagnostic (csv->builder, CHRONO_ERROR_CSV, TRUE,
                          cell_pos (csv, record, COL_TYPE), NULL, message);
          return;
        }
      csv->has_title = TRUE;
      _chrono_tljs_set_title_slide (csv->builder, &slide, links, strings);
      return;
    }

  ok = tljs_date (csv, record, COL_YEAR, errors, &start, &has_start);
  ok &= tljs_date (csv, record, COL_END_YEAR, errors, &end, &has_end);
  if (!ok)
    return;
  if (has_start && has_end)
    {
      check_range (csv, errors, record, COL_END_YEAR, &start, &end);
      if (errors->len > 0)
        return;
    }

  if (g_strcmp0 (type, "era") == 0)
    {
      ChronoEra era = { 0 };

      if (!has_start || !has_end)
        {
          row_error (csv, errors, record, has_start ? COL_END_YEAR : COL_YEAR,
                     CHRONO_ERROR_MISSING_MEMBER, NULL,
                     _("an era needs a start and an end year"));
          return;
        }

      _chrono_tljs_slide_convert (&slide, &title, &description, links, strings, NULL);
      if (title == NULL)
        title = chrono_date_format_range (&start, &end);
      era.title = title;
      era.start = start;
      era.end = end;
      era.end_time = chrono_date_get_period_end (&end);
      chrono_document_builder_add_era (csv->builder, &era, NULL, record->pos);
      return;
    }

  if (!has_start)
    {
      g_autofree char *message =
        g_strdup_printf (_("row %u, column “%s”: no start year; the row is skipped"),
                         record->row, column_title (csv, COL_YEAR));

      /* TimelineJS drops such slides too. */
      add_diagnostic (csv->builder, CHRONO_ERROR_MISSING_MEMBER, TRUE,
                      cell_pos (csv, record, COL_YEAR), NULL, message);
      return;
    }

  {
    ChronoEventDraft draft = { 0 };
    ChronoMedia media;
    g_autofree char *group = _chrono_tljs_group_name (cell_value (csv, record, COL_GROUP));

    draft.start = start;
    if (has_end && !(end.time == start.time && end.precision == start.precision))
      draft.end = end;

    if (_chrono_tljs_slide_convert (&slide, &title, &description, links, strings, &media))
      draft.media = &media;
    if (title == NULL && cell_value (csv, record, COL_DISPLAY_DATE) != NULL)
      title = g_strdup (cell_value (csv, record, COL_DISPLAY_DATE));
    if (title == NULL)
      title = chrono_date_format (&start);

    draft.id = _chrono_importer_make_id (csv->importer, title);
    if (group != NULL)
      draft.lane = _chrono_importer_lane (csv->importer, group, NULL,
                                          cell_pos (csv, record, COL_GROUP));
    draft.title = title;
    draft.description = description;
    draft.links = links->len > 0 ? (const ChronoLink *) (gpointer) links->data : NULL;
    draft.n_links = links->len;
    draft.pos = record->pos;
    draft.lane_pos = cell_pos (csv, record, COL_GROUP);
    draft.end_pos = cell_pos (csv, record, COL_END_YEAR);
    chrono_document_builder_add_event (csv->builder, &draft);

    g_ptr_array_add (story, (gpointer) draft.id);
    g_ptr_array_add (story, (gpointer) record);
  }
}

/* }}} */

static char *
normalize_name (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '_' || *p == '\t' || *p == '\n' || *p == '-')
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, *p);
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

/* The columns a mapping gives (chrono-csv-mapping.h), instead of the
 * header's names. */
static gboolean
read_mapped_header (Csv *csv)
{
  static const Column columns[CHRONO_CSV_N_FIELDS] = {
    [CHRONO_CSV_IGNORE] = COL_NONE,
    [CHRONO_CSV_TITLE] = COL_TITLE,
    [CHRONO_CSV_START] = COL_START,
    [CHRONO_CSV_END] = COL_END,
    [CHRONO_CSV_LANE] = COL_LANE,
    [CHRONO_CSV_CATEGORY] = COL_CATEGORY,
    [CHRONO_CSV_DESCRIPTION] = COL_DESCRIPTION,
    [CHRONO_CSV_TAGS] = COL_TAGS,
    [CHRONO_CSV_LINK] = COL_LINK,
  };
  const ChronoCsvMapping *mapping = csv->mapping;

  for (guint i = 0; i < mapping->n_columns; i++)
    {
      ChronoCsvField field = mapping->fields[i];
      Column column;

      if (field <= CHRONO_CSV_IGNORE || field >= CHRONO_CSV_N_FIELDS)
        continue;
      column = columns[field];
      if (csv->index[column] >= 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("two columns are read as “%s”"), chrono_csv_field_to_string (field));

          add_diagnostic (csv->builder, CHRONO_ERROR_CSV, FALSE, csv->header->pos,
                          _("read each of title, start, end… from one column"), message);
          return FALSE;
        }
      csv->index[column] = i;
    }

  for (Column c = COL_TITLE; c <= COL_START; c++)
    if (csv->index[c] < 0)
      {
        g_autofree char *message =
          g_strdup_printf (_("no column is read as “%s”"), c == COL_TITLE ? "title" : "start");

        add_diagnostic (csv->builder, CHRONO_ERROR_MISSING_MEMBER, FALSE, csv->header->pos,
                        _("choose the columns that hold each event’s title and start date"),
                        message);
        return FALSE;
      }

  return TRUE;
}

static gboolean
read_header (Csv *csv)
{
  const Record *header = csv->header;
  g_autoptr(GPtrArray) unknown = g_ptr_array_new ();

  for (int c = 0; c < N_COLUMNS; c++)
    csv->index[c] = -1;

  if (csv->mapping != NULL)
    return read_mapped_header (csv);

  for (guint i = 0; i < header->cells->len; i++)
    {
      const Cell *cell = &g_array_index (header->cells, Cell, i);
      g_autofree char *name = normalize_name (cell->text);
      Column column = COL_NONE;

      if (name[0] == '\0')
        continue;

      for (gsize k = 0; k < G_N_ELEMENTS (column_names); k++)
        if (strcmp (name, column_names[k].name) == 0)
          column = column_names[k].column;

      if (column == COL_NONE)
        {
          g_ptr_array_add (unknown, (gpointer) cell);
          continue;
        }
      if (csv->index[column] >= 0)
        {
          g_autofree char *message =
            g_strdup_printf (_("the column “%s” appears twice in the header"), cell->text);

          add_diagnostic (csv->builder, CHRONO_ERROR_CSV, FALSE, cell->pos, NULL, message);
          return FALSE;
        }
      csv->index[column] = i;
    }

  csv->timelinejs = csv->index[COL_YEAR] >= 0 || csv->index[COL_HEADLINE] >= 0;

  if (csv->timelinejs)
    {
      if (csv->index[COL_YEAR] < 0)
        {
          add_diagnostic (csv->builder, CHRONO_ERROR_COLUMNS, FALSE, header->pos,
                          _("a TimelineJS spreadsheet has Year, Month, Day, Time, Headline… columns"),
                          _("the header has no “Year” column"));
          return FALSE;
        }
      return TRUE;
    }

  for (Column c = COL_TITLE; c <= COL_START; c++)
    if (csv->index[c] < 0)
      {
        g_autofree char *message =
          g_strdup_printf (_("the header has no “%s” column"), c == COL_TITLE ? "title" : "start");

        add_diagnostic (csv->builder, CHRONO_ERROR_COLUMNS, FALSE, header->pos,
                        _("the first row names the columns: title,start,end,lane,category,"
                          "description,tags,link"),
                        message);
        return FALSE;
      }

  /* TimelineJS columns in a Chronoscope sheet are unknown too, but for
   * its media columns, which both read alike. */
  for (int c = FIRST_TLJS_COLUMN; c < N_COLUMNS; c++)
    if (csv->index[c] >= 0 && (c < COL_MEDIA || c > COL_MEDIA_THUMBNAIL))
      {
        g_ptr_array_add (unknown, &g_array_index (header->cells, Cell, csv->index[c]));
        csv->index[c] = -1;
      }

  for (guint i = 0; i < unknown->len; i++)
    {
      const Cell *cell = g_ptr_array_index (unknown, i);
      g_autofree char *message =
        g_strdup_printf (_("the column “%s” is not used; its cells are ignored"), cell->text);

      add_diagnostic (csv->builder, CHRONO_ERROR_UNKNOWN_MEMBER, TRUE, cell->pos,
                      _("the columns are title, start, end, lane, category, description, "
                        "tags, link, id, importance, media, media caption, media credit "
                        "and media thumbnail"),
                      message);
    }

  return TRUE;
}

static ChronoPos
pos_of_offset (const char *data,
               gsize       offset)
{
  Reader r = { data, data + offset, 1, 1, ',' };

  while (r.p < r.end)
    reader_advance (&r);

  return reader_pos (&r);
}

/**
 * chrono_import_csv:
 * @data: the file's bytes
 * @length: their number
 * @flags: #ChronoLoadFlags; with CHRONO_LOAD_LENIENT bad rows are
 *   skipped and reported as warnings
 * @builder: where the lanes, categories, events, eras and story go
 *
 * Reads a CSV file with Chronoscope's or TimelineJS's columns into
 * @builder.  Each bad row adds an error ("row 7, column “start”: ...") at
 * the line and column of its cell; every bad row is reported.
 *
 * Returns: FALSE when the file cannot be read as CSV at all (bad
 *   encoding, an unterminated quote, no usable header); TRUE otherwise,
 *   even when rows had errors
 */
gboolean
chrono_import_csv (const char            *data,
                   gsize                  length,
                   ChronoLoadFlags        flags,
                   ChronoDocumentBuilder *builder)
{
  return _chrono_import_csv_mapped (data, length, flags, NULL, builder, NULL, NULL);
}

/* Reads the records of @data; FALSE (with a diagnostic in @builder) when
 * it is not CSV. */
static gboolean
read_records (const char            *data,
              gsize                  length,
              ChronoDocumentBuilder *builder,
              GPtrArray             *records)
{
  const char *valid_end;
  Reader reader;
  Record *record;
  gboolean failed = FALSE;
  gsize n_rows = 0;

  if (!g_utf8_validate_len (data, length, &valid_end))
    {
      ChronoPos pos = pos_of_offset (data, valid_end - data);

      if (*valid_end == '\0')
        add_diagnostic (builder, CHRONO_ERROR_ENCODING, FALSE, pos, NULL,
                        _("the file contains a NUL byte"));
      else
        add_diagnostic (builder, CHRONO_ERROR_ENCODING, FALSE, pos,
                        _("save the file as UTF-8"), _("invalid UTF-8"));
      return FALSE;
    }

  reader.p = data;
  reader.end = data + length;
  reader.line = 1;
  reader.column = 1;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    reader.p += 3;
  reader.delimiter = detect_delimiter (reader.p, reader.end);

  while ((record = reader_next (&reader, records->len + 1, builder, &failed)) != NULL)
    {
      g_ptr_array_add (records, record);
      /* Stop at the limit on events (the header is one more row), so
       * that the rows held in memory stay bounded too. */
      if (!record_is_blank (record) && ++n_rows > (gsize) _chrono_limits ()->events + 1)
        {
          g_autofree char *message = g_strdup_printf (_("more than %u events in one file"),
                                                      _chrono_limits ()->events);

          add_diagnostic (builder, CHRONO_ERROR_LIMIT, FALSE, record->pos,
                          _("split the timeline into several files, or keep fewer"), message);
          return FALSE;
        }
    }

  return !failed;
}

/**
 * chrono_csv_read_rows:
 * @data: the file's bytes
 * @length: their number
 *
 * Returns: (transfer full) (nullable): the rows, each a #GStrv of its
 *   trimmed cells, blank rows left out; NULL with @error
 */
GPtrArray *
chrono_csv_read_rows (const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autoptr(ChronoDocumentBuilder) builder = chrono_document_builder_new (CHRONO_FORMAT_CSV);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  GPtrArray *rows;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!read_records (data != NULL ? data : "", length, builder, records))
    {
      g_autoptr(ChronoDocument) none = chrono_document_builder_finish (g_steal_pointer (&builder), diagnostics);
      const ChronoDiagnostic *d = diagnostics->len > 0 ? g_ptr_array_index (diagnostics, 0) : NULL;

      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_CSV, "%u:%u: %s",
                   d != NULL ? d->pos.line : 1, d != NULL ? d->pos.column : 1,
                   d != NULL ? d->message : "");
      return NULL;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < records->len; i++)
    {
      const Record *record = g_ptr_array_index (records, i);
      char **cells;

      if (record_is_blank (record))
        continue;
      cells = g_new0 (char *, record->cells->len + 1);
      for (guint c = 0; c < record->cells->len; c++)
        cells[c] = g_strdup (g_array_index (record->cells, Cell, c).text);
      g_ptr_array_add (rows, cells);
    }

  return rows;
}

/*
 * chrono_import_csv() with @mapping (or NULL for columns by name), and
 * how many data rows there were and how many were skipped.
 */
gboolean
_chrono_import_csv_mapped (const char             *data,
                           gsize                   length,
                           ChronoLoadFlags         flags,
                           const ChronoCsvMapping *mapping,
                           ChronoDocumentBuilder  *builder,
                           guint                  *n_data_rows,
                           guint                  *n_skipped)
{
  g_autoptr(ChronoImporter) importer = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (record_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) chrono_diagnostic_free);
  g_autoptr(GPtrArray) story = g_ptr_array_new ();
  Csv csv = { 0 };
  Record *record;
  guint rows = 0;
  guint first;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (builder != NULL, FALSE);

  if (n_data_rows != NULL)
    *n_data_rows = 0;
  if (n_skipped != NULL)
    *n_skipped = 0;

  if (!read_records (data, length, builder, records))
    return FALSE;

  for (first = 0; first < records->len; first++)
    if (!record_is_blank (g_ptr_array_index (records, first)))
      break;
  if (first == records->len)
    {
      add_diagnostic (builder, CHRONO_ERROR_EMPTY, FALSE, (ChronoPos) { 1, 1 },
                      _("the first row names the columns: title,start,end,lane,category,"
                        "description,tags,link"),
                      _("the file has no header row"));
      return FALSE;
    }

  importer = _chrono_importer_new (builder);
  csv.builder = builder;
  csv.importer = importer;
  csv.flags = flags;
  csv.mapping = mapping;
  csv.records = records;
  csv.header = g_ptr_array_index (records, first);

  if (!read_header (&csv))
    return FALSE;

  if (!csv.timelinejs && csv.index[COL_ID] >= 0)
    for (guint i = first + 1; i < records->len; i++)
      {
        const char *id = cell_value (&csv, g_ptr_array_index (records, i), COL_ID);

        if (id != NULL)
          _chrono_importer_reserve_id (importer, id);
      }

  for (guint i = first + 1; i < records->len; i++)
    {
      record = g_ptr_array_index (records, i);
      if (record_is_blank (record))
        continue;

      rows++;
      if (mapping == NULL)
        warn_extra_cells (&csv, record);
      if (csv.timelinejs)
        tljs_row (&csv, record, errors, story);
      else
        native_row (&csv, record, errors);
      flush_row_errors (&csv, errors);
    }

  for (guint i = 0; i + 1 < story->len; i += 2)
    {
      const Record *step = g_ptr_array_index (story, i + 1);

      chrono_document_builder_add_story_step (builder, g_ptr_array_index (story, i),
                                              NULL, step->pos);
    }

  /* One warning with the count, which the app can show as it is
   * (found by its code), besides each row's own. */
  if (n_data_rows != NULL)
    *n_data_rows = rows;
  if (n_skipped != NULL)
    *n_skipped = csv.skipped;

  if (csv.skipped > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u bad row was skipped",
                                      "%u bad rows were skipped", csv.skipped),
                         csv.skipped);

      add_diagnostic (builder, CHRONO_ERROR_SKIPPED_ROWS, TRUE, csv.header->pos, NULL, message);
    }

  return TRUE;
}
