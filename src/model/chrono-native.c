#define G_LOG_DOMAIN "chrono-native"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "chrono-json-text.h"
#include "chrono-link.h"
#include "chrono-loader-private.h"

/*
 * The reader of Chronoscope's own format, version 1 (docs/format.md).
 *
 * Required members: the top level needs "chronoscope" (1); a lane needs
 * id and title; a category id and title; an event id, lane, title and
 * start; a link url (http, https or mailto: see chrono-link.c); a relation event; a series id, lane, title and
 * points; an era title, start and end.  Ids, titles, tags and urls must
 * not be empty.  Everything else is optional; members whose names start
 * with "x-" are extensions, kept as text for saving (keep_extensions());
 * any other member is an error.
 *
 * Every problem is collected (up to CHRONO_LOADER_MAX_ERRORS) with the
 * JSON path of the member at fault.  An item with errors is still handed
 * to the builder, with stand-ins for what was wrong, so that references
 * to it do not turn into more, misleading errors.
 */

#define CHECK_EVERY 4096

typedef struct
{
  ChronoReadContext     *ctx;
  ChronoDocumentBuilder *builder;
  gboolean               stopped;   /* too many errors */
  gboolean               extended;  /* the last collect() saw "x-" members */
  /* Scratch for one event, reused. */
  GPtrArray             *tags;
  GArray                *links;
  GPtrArray             *link_urls; /* normalised urls of links, owned */
  GPtrArray             *related;
  GPtrArray             *related_labels;
  GArray                *points;
} Reader;

ChronoDiagnostic *
_chrono_read_context_error (ChronoReadContext *ctx,
                            ChronoErrorCode    code,
                            const char        *path,
                            gssize             decoded_offset,
                            const char        *hint,
                            const char        *message)
{
  ChronoPos nowhere = { 0, 0 };
  ChronoDiagnostic *d;

  d = chrono_diagnostic_new (code, FALSE, nowhere, path, hint, "%s", message);
  g_ptr_array_add (ctx->diagnostics, d);
  ctx->n_errors++;

  if (decoded_offset >= 0)
    {
      if (ctx->string_offsets == NULL)
        ctx->string_offsets = g_hash_table_new (NULL, NULL);
      g_hash_table_insert (ctx->string_offsets, d, GSIZE_TO_POINTER ((gsize) decoded_offset + 1));
    }

  return d;
}

static void G_GNUC_PRINTF (5, 6)
error_at (Reader          *r,
          ChronoErrorCode  code,
          const char      *path,
          const char      *hint,
          const char      *format,
          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (r->stopped)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _chrono_read_context_error (r->ctx, code, path, -1, hint, message);
  if (r->ctx->n_errors >= CHRONO_LOADER_MAX_ERRORS)
    r->stopped = TRUE;
}

/* Optimal string alignment distance, for "did you mean". */
static guint
edit_distance (const char *a,
               const char *b)
{
  guint la = strlen (a), lb = strlen (b);
  guint d[33][33];

  if (la > 32 || lb > 32)
    return G_MAXUINT;

  for (guint i = 0; i <= la; i++)
    d[i][0] = i;
  for (guint j = 0; j <= lb; j++)
    d[0][j] = j;

  for (guint i = 1; i <= la; i++)
    for (guint j = 1; j <= lb; j++)
      {
        guint cost = g_ascii_tolower (a[i - 1]) == g_ascii_tolower (b[j - 1]) ? 0 : 1;
        guint v = MIN (MIN (d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);

        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          v = MIN (v, d[i - 2][j - 2] + 1);
        d[i][j] = v;
      }

  return d[la][lb];
}

const char *
_chrono_suggest (const char         *name,
                 const char * const *candidates)
{
  const char *best = NULL;
  guint best_distance = G_MAXUINT;
  guint len = strlen (name);

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      guint dist = edit_distance (name, candidates[i]);

      if (dist < best_distance)
        {
          best_distance = dist;
          best = candidates[i];
        }
    }

  /* Close enough to be a typo, not a different word. */
  if (best != NULL && best_distance <= 2 && best_distance < MAX (len, 2) / 2 + 1)
    return best;

  return NULL;
}

/* @text cut to about 60 bytes on a character boundary, for messages. */
static char *
short_text (const char *text)
{
  const char *end;

  if (strlen (text) <= 60)
    return g_strdup (text);
  end = text + 60;
  while (end > text && (*end & 0xC0) == 0x80)
    end--;
  return g_strdup_printf ("%.*s…", (int) (end - text), text);
}

const char *
_chrono_json_type_name (JsonNode *node,
                        gboolean  integers)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return _("a string");
        case G_TYPE_BOOLEAN:
          return _("a boolean");
        case G_TYPE_INT64:
          return integers ? _("an integer") : _("a number");
        default:
          return _("a number");
        }
    }
}

/* The string @node holds, or NULL when it holds anything else. */
static inline const char *
node_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static inline gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static inline gboolean
is_number (JsonNode *node)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static char *
join_path (const char *base,
           const char *member)
{
  if (base == NULL || base[0] == '\0')
    return g_strdup (member);
  if (member[0] == '[')
    return g_strconcat (base, member, NULL);
  return g_strconcat (base, ".", member, NULL);
}

static void
type_error (Reader     *r,
            const char *path,
            const char *expected,
            JsonNode   *node)
{
  error_at (r, CHRONO_ERROR_TYPE, path, NULL,
            /* Translators: "events[2].importance must be an integer from 1 to 5, not a string" */
            _("%s must be %s, not %s"), path, expected, _chrono_json_type_name (node, TRUE));
}

static inline guint
find_name (const char * const *names,
           guint               n_names,
           const char         *name)
{
  guint i;

  for (i = 0; i < n_names; i++)
    if (name[0] == names[i][0] && strcmp (name, names[i]) == 0)
      break;

  return i;
}

/*
 * Collects the members of the object @node named in @names into @out
 * (parallel to @names), reporting unknown and missing ones.  @required has
 * bit i set when names[i] is required.  @what names the item in messages
 * ("an event", untranslated).  Returns FALSE when @node is not an object.
 */
static gboolean
collect (Reader             *r,
         JsonNode           *node,
         const char         *path,
         const char         *what,
         const char * const *names,
         guint               required,
         JsonNode          **out)
{
  JsonObjectIter iter;
  JsonObjectIter fast;
  const char *name;
  JsonNode *value;
  guint n_names = g_strv_length ((char **) names);
  guint suggested = 0;  /* bits of names offered as "did you mean" */
  gboolean unknown = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *expected = g_strdup_printf (_("%s (an object)"), _(what));

      type_error (r, path, expected, node);
      return FALSE;
    }

  memset (out, 0, sizeof (JsonNode *) * n_names);
  r->extended = FALSE;

  /* Walking the members in the file's order looks each one up in the
   * object's hash table; walking the table does not, and finds the same
   * members.  Only a member to report needs the file's order. */
  json_object_iter_init (&fast, json_node_get_object (node));
  while (json_object_iter_next (&fast, &name, &value))
    {
      guint i = find_name (names, n_names, name);

      if (i < n_names)
        out[i] = value;
      else if (!(name[0] == 'x' && name[1] == '-'))
        {
          unknown = TRUE;
          break;
        }
      else
        r->extended = TRUE;
    }
  if (!unknown)
    goto check_required;

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      guint i = find_name (names, n_names, name);

      if (i < n_names)
        out[i] = value;
      else if (!g_str_has_prefix (name, "x-"))
        {
          /* Not join_path(): a name from the file is always a member,
           * even one starting with "[", as the guard's paths have it. */
          g_autofree char *member_path = (path == NULL || path[0] == '\0')
                                         ? g_strdup (name)
                                         : g_strconcat (path, ".", name, NULL);
          g_autofree char *hint = NULL;
          g_autofree char *shown = short_text (name);
          const char *suggestion = _chrono_suggest (name, names);

          if (suggestion != NULL)
            {
              hint = g_strdup_printf (_("did you mean “%s”?"), suggestion);
              for (guint j = 0; j < n_names; j++)
                if (names[j] == suggestion)
                  suggested |= 1u << j;
            }
          else
            {
              g_autofree char *list = g_strjoinv (", ", (char **) names);

              hint = g_strdup_printf (_("known members: %s; names starting with “x-” are ignored"), list);
            }

          if (path == NULL || path[0] == '\0')
            error_at (r, CHRONO_ERROR_UNKNOWN_MEMBER, member_path, hint,
                      _("unknown member “%s” at the top level"), shown);
          else
            error_at (r, CHRONO_ERROR_UNKNOWN_MEMBER, member_path, hint,
                      _("unknown member “%s” in %s"), shown, path);
        }
    }

check_required:
  for (guint i = 0; i < n_names; i++)
    {
      /* A misspelt required member is reported once, as unknown. */
      if ((required & (1u << i)) && out[i] == NULL && !(suggested & (1u << i)))
        {
          g_autoptr(GString) needed = g_string_new (NULL);
          g_autofree char *hint = NULL;

          for (guint j = 0; j < n_names; j++)
            if (required & (1u << j))
              g_string_append_printf (needed, "%s%s", needed->len ? ", " : "", names[j]);
          hint = g_strdup_printf (_("%s needs %s"), _(what), needed->str);

          if (path != NULL && path[0] != '\0')
            error_at (r, CHRONO_ERROR_MISSING_MEMBER, path, hint,
                      _("%s has no “%s”"), path, names[i]);
          else
            error_at (r, CHRONO_ERROR_MISSING_MEMBER, "",
                      _("start the file with {\"chronoscope\": 1, …}"),
                      _("the member “%s” is missing"), names[i]);
        }
    }

  return TRUE;
}

/*
 * Hands the "x-" members of the object @node to the builder, for the
 * item of @kind added last, as the compact JSON text of an object in the
 * file's order.  Called only for items whose collect() saw such members
 * (@extended), so items without them cost nothing.
 */
static void
keep_extensions (Reader         *r,
                 gboolean        extended,
                 JsonNode       *node,
                 ChronoRecordKind  kind)
{
  g_autoptr(GString) json = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (!extended)
    return;

  json = g_string_new ("{");
  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      if (!g_str_has_prefix (name, "x-"))
        continue;
      if (json->len > 1)
        g_string_append_c (json, ',');
      _chrono_json_append_string (json, name);
      g_string_append_c (json, ':');
      _chrono_json_append_node (json, value);
    }
  g_string_append_c (json, '}');

  chrono_document_builder_set_extensions (r->builder, kind, json->str);
}

/* A string member; @nonempty refuses "". */
static const char *
get_string (Reader     *r,
            JsonNode   *node,
            const char *base,
            const char *member,
            gboolean    nonempty)
{
  const char *s;

  if (node == NULL)
    return NULL;

  s = node_string (node);
  if (s == NULL)
    {
      g_autofree char *path = join_path (base, member);

      type_error (r, path, _("a string"), node);
      return NULL;
    }

  if (nonempty && s[0] == '\0')
    {
      g_autofree char *path = join_path (base, member);

      error_at (r, CHRONO_ERROR_VALUE, path, NULL, _("%s must not be empty"), path);
      return NULL;
    }

  return s;
}

/* A date member at @path; on failure *out is a stand-in (1970). */
static gboolean
get_date (Reader     *r,
          JsonNode   *node,
          const char *base,
          const char *member,
          gboolean    allow_open,
          ChronoDate *out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *text;
  gsize offset = 0;

  chrono_date_init_civil (out, 1970, 1, 1, 0, 0, 0, CHRONO_PRECISION_YEAR);

  if (node == NULL)
    return FALSE;

  text = node_string (node);
  if (text == NULL)
    {
      path = member ? join_path (base, member) : g_strdup (base);
      type_error (r, path,
                  allow_open ? _("a date string such as \"2015-12\" or \"..\"")
                             : _("a date string such as \"2015-12\""),
                  node);
      return FALSE;
    }

  if (!chrono_date_parse (text, allow_open, out, &offset, &error))
    {
      g_autofree char *message = NULL;

      path = member ? join_path (base, member) : g_strdup (base);
      message = g_strdup_printf (_("bad date in %s: %s"), path, error->message);

      chrono_date_init_civil (out, 1970, 1, 1, 0, 0, 0, CHRONO_PRECISION_YEAR);
      if (!r->stopped)
        {
          _chrono_read_context_error (r->ctx, CHRONO_ERROR_DATE, path, (gssize) offset,
                                      _("dates are written YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm"),
                                      message);
          if (r->ctx->n_errors >= CHRONO_LOADER_MAX_ERRORS)
            r->stopped = TRUE;
        }
      return FALSE;
    }

  return TRUE;
}

static gboolean
get_color (Reader     *r,
           JsonNode   *node,
           const char *base,
           guint32    *out)
{
  g_autofree char *path = NULL;
  const char *s;
  guint32 v = 0;

  *out = 0;
  if (node == NULL)
    return FALSE;

  path = join_path (base, "color");
  if (!is_string (node))
    {
      type_error (r, path, _("a colour string such as \"#3584e4\""), node);
      return FALSE;
    }

  s = json_node_get_string (node);
  if (strlen (s) != 7 || s[0] != '#')
    goto bad;
  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (s[i]))
        goto bad;
      v = (v << 4) | (guint32) g_ascii_xdigit_value (s[i]);
    }
  *out = v;
  return TRUE;

bad:
  {
    g_autofree char *shown = short_text (s);

    error_at (r, CHRONO_ERROR_VALUE, path, _("write colours as #rrggbb, for example #3584e4"),
              _("“%s” is not a colour"), shown);
  }
  return FALSE;
}

/* The array member @node at @path, or NULL with a type error. */
static JsonArray *
get_array (Reader     *r,
           JsonNode   *node,
           const char *path,
           const char *expected)
{
  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      type_error (r, path, expected, node);
      return NULL;
    }
  return json_node_get_array (node);
}

static const char * const lane_kinds[] = {
  "person", "company", "organization", "product", "topic", "other", NULL
};

enum { LANE_ID, LANE_TITLE, LANE_KIND, LANE_COLOR, LANE_DESCRIPTION, LANE_IMAGE, N_LANE };
static const char * const lane_members[] = { "id", "title", "kind", "color", "description", "image", NULL };

/* A picture member (an image, a thumbnail, a lane's image): a path
 * relative to the file or an http/https URL. */
static const char *
get_picture (Reader     *r,
             JsonNode   *node,
             const char *base,
             const char *member)
{
  g_autoptr(GError) error = NULL;
  const char *s = get_string (r, node, base, member, TRUE);

  if (s == NULL)
    return NULL;
  if (!chrono_link_check_picture (s, &error))
    {
      g_autofree char *path = join_path (base, member);

      error_at (r, CHRONO_ERROR_LINK, path, NULL, "%s", error->message);
      return NULL;
    }
  return s;
}

enum
{
  MEDIA_IMAGE, MEDIA_QUOTE, MEDIA_LINK, MEDIA_CAPTION, MEDIA_CREDIT, MEDIA_WHO,
  MEDIA_TITLE, MEDIA_SITE, MEDIA_THUMBNAIL, N_MEDIA
};
static const char * const media_members[] = {
  "image", "quote", "link", "caption", "credit", "who", "title", "site", "thumbnail", NULL
};
/* Which members go with which kind: a caption on a quote is a mistake
 * the author wants to hear about, not silently lose. */
static const guint media_allowed[] = {
  [CHRONO_MEDIA_IMAGE] = (1 << MEDIA_IMAGE) | (1 << MEDIA_CAPTION) | (1 << MEDIA_CREDIT) | (1 << MEDIA_THUMBNAIL),
  [CHRONO_MEDIA_QUOTE] = (1 << MEDIA_QUOTE) | (1 << MEDIA_WHO) | (1 << MEDIA_CAPTION),
  [CHRONO_MEDIA_LINK] = (1 << MEDIA_LINK) | (1 << MEDIA_TITLE) | (1 << MEDIA_SITE) | (1 << MEDIA_CAPTION) |
                        (1 << MEDIA_CREDIT) | (1 << MEDIA_THUMBNAIL),
};

/*
 * Reads the "media" object @node at @base into @out: one of "image",
 * "quote" or "link" and the members that go with it.  @url_out keeps a
 * normalised link alive.  Returns FALSE (with an error) when it is not
 * right, or when @node is NULL.
 */
static gboolean
read_media (Reader       *r,
            JsonNode     *node,
            const char   *base,
            ChronoMedia  *out,
            char        **url_out)
{
  g_autofree char *path = NULL;
  JsonNode *m[N_MEDIA];
  guint present = 0, kinds = 0;
  guint errors_before = r->ctx->n_errors;

  memset (out, 0, sizeof *out);
  if (node == NULL)
    return FALSE;

  path = join_path (base, "media");
  if (!collect (r, node, path, N_("media"), media_members, 0, m))
    return FALSE;

  for (guint i = 0; i < N_MEDIA; i++)
    if (m[i] != NULL)
      present |= 1u << i;
  for (guint k = MEDIA_IMAGE; k <= MEDIA_LINK; k++)
    if (present & (1u << k))
      {
        out->kind = (ChronoMediaKind) k;
        kinds++;
      }
  if (kinds != 1)
    {
      error_at (r, CHRONO_ERROR_VALUE, path,
                _("write {\"image\": \"picture.jpg\"}, {\"quote\": \"…\", \"who\": \"…\"} or {\"link\": \"https://…\"}"),
                kinds == 0 ? _("%s needs one of “image”, “quote” or “link”")
                           : _("%s must have only one of “image”, “quote” or “link”"),
                path);
      return FALSE;
    }
  for (guint i = 0; i < N_MEDIA; i++)
    if ((present & (1u << i)) && !(media_allowed[out->kind] & (1u << i)))
      {
        g_autofree char *member_path = join_path (path, media_members[i]);
        const char *kind = media_members[out->kind];

        error_at (r, CHRONO_ERROR_UNKNOWN_MEMBER, member_path, NULL,
                  _("“%s” does not go with “%s” in %s"), media_members[i], kind, path);
      }

  switch (out->kind)
    {
    case CHRONO_MEDIA_IMAGE:
      out->url = get_picture (r, m[MEDIA_IMAGE], path, "image");
      out->caption = get_string (r, m[MEDIA_CAPTION], path, "caption", FALSE);
      out->credit = get_string (r, m[MEDIA_CREDIT], path, "credit", FALSE);
      break;
    case CHRONO_MEDIA_QUOTE:
      out->text = get_string (r, m[MEDIA_QUOTE], path, "quote", TRUE);
      out->who = get_string (r, m[MEDIA_WHO], path, "who", FALSE);
      out->caption = get_string (r, m[MEDIA_CAPTION], path, "caption", FALSE);
      break;
    case CHRONO_MEDIA_LINK:
      {
        const char *url = get_string (r, m[MEDIA_LINK], path, "link", FALSE);
        g_autoptr(GError) error = NULL;

        if (url != NULL)
          {
            *url_out = chrono_link_normalize_url (url, &error);
            if (*url_out == NULL)
              {
                g_autofree char *link_path = join_path (path, "link");

                error_at (r, CHRONO_ERROR_LINK, link_path, NULL, "%s", error->message);
              }
            out->url = *url_out;
          }
        out->title = get_string (r, m[MEDIA_TITLE], path, "title", FALSE);
        out->site = get_string (r, m[MEDIA_SITE], path, "site", FALSE);
        out->caption = get_string (r, m[MEDIA_CAPTION], path, "caption", FALSE);
        out->credit = get_string (r, m[MEDIA_CREDIT], path, "credit", FALSE);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  out->thumbnail = get_picture (r, m[MEDIA_THUMBNAIL], path, "thumbnail");

  return r->ctx->n_errors == errors_before;
}

enum { BG_COLOR, BG_IMAGE, N_BG };
static const char * const background_members[] = { "color", "image", NULL };

static gboolean
read_background (Reader           *r,
                 JsonNode         *node,
                 ChronoBackground *out)
{
  JsonNode *m[N_BG];

  memset (out, 0, sizeof *out);
  if (node == NULL || !collect (r, node, "background", N_("a background"), background_members, 0, m))
    return FALSE;
  out->has_color = get_color (r, m[BG_COLOR], "background", &out->color);
  out->image = get_picture (r, m[BG_IMAGE], "background", "image");
  return out->has_color || out->image != NULL;
}

static void
read_lanes (Reader    *r,
            JsonArray *array)
{
  guint n = json_array_get_length (array);
  ChronoPos nowhere = { 0, 0 };

  for (guint i = 0; i < n && !r->stopped; i++)
    {
      g_autofree char *path = g_strdup_printf ("lanes[%u]", i);
      JsonNode *m[N_LANE];
      ChronoLane lane = { 0 };
      gboolean extended;

      if (!collect (r, json_array_get_element (array, i), path, N_("a lane"),
                    lane_members, (1 << LANE_ID) | (1 << LANE_TITLE), m))
        continue;
      extended = r->extended;

      lane.id = get_string (r, m[LANE_ID], path, "id", TRUE);
      lane.title = get_string (r, m[LANE_TITLE], path, "title", TRUE);
      lane.description = get_string (r, m[LANE_DESCRIPTION], path, "description", FALSE);
      lane.image = get_picture (r, m[LANE_IMAGE], path, "image");
      lane.kind = CHRONO_LANE_OTHER;
      if (m[LANE_KIND] != NULL)
        {
          const char *kind = get_string (r, m[LANE_KIND], path, "kind", FALSE);

          if (kind != NULL)
            {
              guint k;

              for (k = 0; lane_kinds[k] != NULL; k++)
                if (strcmp (kind, lane_kinds[k]) == 0)
                  break;
              if (lane_kinds[k] != NULL)
                lane.kind = (ChronoLaneKind) k;
              else
                {
                  g_autofree char *kind_path = join_path (path, "kind");
                  const char *suggestion = _chrono_suggest (kind, lane_kinds);
                  g_autofree char *hint = suggestion
                    ? g_strdup_printf (_("did you mean “%s”?"), suggestion)
                    : g_strdup (_("use person, company, organization, product, topic or other"));

                  g_autofree char *shown = short_text (kind);

                  error_at (r, CHRONO_ERROR_VALUE, kind_path, hint,
                            _("unknown lane kind “%s”"), shown);
                }
            }
        }
      lane.has_color = get_color (r, m[LANE_COLOR], path, &lane.color);

      if (lane.id == NULL)
        continue;
      if (lane.title == NULL)
        lane.title = lane.id;

      chrono_document_builder_add_lane (r->builder, &lane, path, nowhere);
      keep_extensions (r, extended, json_array_get_element (array, i), CHRONO_RECORD_LANE);
    }
}

enum { CAT_ID, CAT_TITLE, CAT_COLOR, N_CAT };
static const char * const category_members[] = { "id", "title", "color", NULL };

static void
read_categories (Reader    *r,
                 JsonArray *array)
{
  guint n = json_array_get_length (array);
  ChronoPos nowhere = { 0, 0 };

  for (guint i = 0; i < n && !r->stopped; i++)
    {
      g_autofree char *path = g_strdup_printf ("categories[%u]", i);
      JsonNode *m[N_CAT];
      ChronoCategory category = { 0 };
      gboolean extended;

      if (!collect (r, json_array_get_element (array, i), path, N_("a category"),
                    category_members, (1 << CAT_ID) | (1 << CAT_TITLE), m))
        continue;
      extended = r->extended;

      category.id = get_string (r, m[CAT_ID], path, "id", TRUE);
      category.title = get_string (r, m[CAT_TITLE], path, "title", TRUE);
      category.has_color = get_color (r, m[CAT_COLOR], path, &category.color);

      if (category.id == NULL)
        continue;
      if (category.title == NULL)
        category.title = category.id;

      chrono_document_builder_add_category (r->builder, &category, path, nowhere);
      keep_extensions (r, extended, json_array_get_element (array, i), CHRONO_RECORD_CATEGORY);
    }
}

/* Pair arrays: the required member first, then the optional one. */
static const char * const link_members[] = { "url", "title", NULL };
static const char * const relation_members[] = { "event", "label", NULL };

const char * const _chrono_event_members[] = {
  "id", "lane", "title", "start", "end", "category", "importance",
  "description", "tags", "links", "related", "media", NULL
};

static void
read_tags (Reader     *r,
           JsonNode   *node,
           const char *base)
{
  g_autofree char *path = NULL;
  JsonArray *array;
  guint n;

  g_ptr_array_set_size (r->tags, 0);
  if (node == NULL)
    return;

  path = join_path (base, "tags");
  array = get_array (r, node, path, _("an array of strings"));
  if (array == NULL)
    return;

  n = json_array_get_length (array);
  for (guint j = 0; j < n; j++)
    {
      JsonNode *tag = json_array_get_element (array, j);

      if (is_string (tag) && json_node_get_string (tag)[0] != '\0')
        g_ptr_array_add (r->tags, (gpointer) json_node_get_string (tag));
      else
        {
          g_autofree char *tag_path = g_strdup_printf ("%s[%u]", path, j);

          if (!is_string (tag))
            type_error (r, tag_path, _("a string"), tag);
          else
            error_at (r, CHRONO_ERROR_VALUE, tag_path, NULL, _("%s must not be empty"), tag_path);
        }
    }
}

/* Called for each object of a pair array at @item_path with its @key (a
 * non-empty string) and its @value (NULL when absent). */
typedef void (*PairFunc) (Reader     *r,
                          const char *item_path,
                          const char *key,
                          const char *value);

/*
 * Reads the array member @member of @node (at @base), whose items are
 * objects with a required string member @names[0] and an optional one
 * @names[1]; @expected and @what name the array and an item in messages.
 * Calls @add for each valid item; reports the others.
 */
static void
read_pairs (Reader             *r,
            JsonNode           *node,
            const char         *base,
            const char         *member,
            const char         *expected,
            const char         *what,
            const char * const *names,
            PairFunc            add)
{
  g_autofree char *path = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL)
    return;

  path = join_path (base, member);
  array = get_array (r, node, path, expected);
  if (array == NULL)
    return;

  n = json_array_get_length (array);
  for (guint j = 0; j < n; j++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, j);
      JsonNode *m[2];
      const char *key, *value;

      if (!collect (r, json_array_get_element (array, j), item_path, what, names, 1 << 0, m))
        continue;
      key = get_string (r, m[0], item_path, names[0], TRUE);
      value = get_string (r, m[1], item_path, names[1], FALSE);
      if (key != NULL)
        add (r, item_path, key, value);
    }
}

static void
add_link (Reader     *r,
          const char *item_path,
          const char *url,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  char *normalized = chrono_link_normalize_url (url, &error);
  ChronoLink link = { .url = normalized, .title = title };

  if (normalized == NULL)
    {
      g_autofree char *path = join_path (item_path, "url");

      /* Lenient loading drops the link and keeps the event. */
      if (r->ctx->flags & CHRONO_LOAD_LENIENT)
        g_ptr_array_add (r->ctx->diagnostics,
                         chrono_diagnostic_new (CHRONO_ERROR_LINK, TRUE, (ChronoPos) { 0, 0 },
                                                path, NULL, _("%s; the link is dropped"),
                                                error->message));
      else
        error_at (r, CHRONO_ERROR_LINK, path, NULL, "%s", error->message);
      return;
    }

  g_ptr_array_add (r->link_urls, normalized);
  g_array_append_val (r->links, link);
}

static void
read_links (Reader     *r,
            JsonNode   *node,
            const char *base)
{
  g_array_set_size (r->links, 0);
  g_ptr_array_set_size (r->link_urls, 0);
  read_pairs (r, node, base, "links", _("an array of links"), N_("a link"),
              link_members, add_link);
}

static void
add_relation (Reader     *r,
              const char *item_path,
              const char *event,
              const char *label)
{
  g_ptr_array_add (r->related, (gpointer) event);
  g_ptr_array_add (r->related_labels, (gpointer) label);
}

static void
read_related (Reader     *r,
              JsonNode   *node,
              const char *base)
{
  g_ptr_array_set_size (r->related, 0);
  g_ptr_array_set_size (r->related_labels, 0);
  read_pairs (r, node, base, "related", _("an array of relations"), N_("a relation"),
              relation_members, add_relation);
}

static void
read_event (Reader          *r,
            JsonNode        *node,
            const char      *path,
            const ChronoPos *pos)
{
  JsonNode *m[CHRONO_N_EV];
  ChronoEventDraft draft = { 0 };
  ChronoMedia media;
  g_autofree char *media_url = NULL;
  guint errors_before = r->ctx->n_errors;
  gboolean extended;

  if (!collect (r, node, path, N_("an event"), _chrono_event_members, CHRONO_EV_REQUIRED, m))
    return;
  extended = r->extended;

  draft.path = path;
  if (pos != NULL)
    draft.pos = *pos;
  draft.id = get_string (r, m[CHRONO_EV_ID], path, "id", TRUE);
  draft.lane = get_string (r, m[CHRONO_EV_LANE], path, "lane", TRUE);
  draft.title = get_string (r, m[CHRONO_EV_TITLE], path, "title", TRUE);
  draft.description = get_string (r, m[CHRONO_EV_DESCRIPTION], path, "description", FALSE);
  draft.category = get_string (r, m[CHRONO_EV_CATEGORY], path, "category", TRUE);

  get_date (r, m[CHRONO_EV_START], path, "start", FALSE, &draft.start);
  if (m[CHRONO_EV_END] != NULL && !get_date (r, m[CHRONO_EV_END], path, "end", TRUE, &draft.end))
    memset (&draft.end, 0, sizeof draft.end);

  if (m[CHRONO_EV_IMPORTANCE] != NULL)
    {
      JsonNode *imp = m[CHRONO_EV_IMPORTANCE];
      g_autofree char *imp_path = join_path (path, "importance");
      double v = is_number (imp) ? json_node_get_double (imp) : 0;

      if (!is_number (imp) || v != floor (v))
        type_error (r, imp_path, _("an integer from 1 to 5"), imp);
      else if (v < 1 || v > 5)
        error_at (r, CHRONO_ERROR_VALUE, imp_path, _("use 1 (minor) to 5 (major)"),
                  _("%s must be an integer from 1 to 5, not %g"), imp_path, v);
      else
        draft.importance = (int) v;
    }

  read_tags (r, m[CHRONO_EV_TAGS], path);
  if (r->tags->len > 0)
    {
      g_ptr_array_add (r->tags, NULL);
      draft.tags = (const char * const *) r->tags->pdata;
    }

  read_links (r, m[CHRONO_EV_LINKS], path);
  draft.links = (const ChronoLink *) (gpointer) r->links->data;
  draft.n_links = r->links->len;

  read_related (r, m[CHRONO_EV_RELATED], path);
  if (r->related->len > 0)
    {
      g_ptr_array_add (r->related, NULL);
      g_ptr_array_add (r->related_labels, NULL);
      draft.related = (const char * const *) r->related->pdata;
      draft.related_labels = (const char * const *) r->related_labels->pdata;
    }

  if (read_media (r, m[CHRONO_EV_MEDIA], path, &media, &media_url))
    draft.media = &media;

  /* Stand-ins keep a broken event referable without more errors. */
  if (r->ctx->n_errors > errors_before && draft.title == NULL)
    draft.title = draft.id != NULL ? draft.id : "?";

  chrono_document_builder_add_event (r->builder, &draft);
  keep_extensions (r, extended, node, CHRONO_RECORD_EVENT);
}

static void
report_progress (Reader *r,
                 double  fraction)
{
  ChronoReadContext *ctx = r->ctx;

  if (ctx->progress != NULL)
    ctx->progress (ctx->progress_from + (ctx->progress_to - ctx->progress_from) * fraction,
                   ctx->progress_data);
}

static void
append_uint (GString *s,
             guint    v)
{
  char buf[16];
  guint n = 0;

  do
    {
      buf[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v > 0);
  while (n > 0)
    g_string_append_c (s, buf[--n]);
}

/* Off only in tests, which compare both readers of events. */
static gboolean scan_events = TRUE;

void
_chrono_native_set_scan_for_testing (gboolean scan)
{
  scan_events = scan;
}

/*
 * Reads the events from the bytes (the guard gave their offsets): each
 * straight into a draft when it is entirely right, else through a
 * json-glib tree of that one event and read_event(), which reports it.
 * No tree of the whole file is ever built, so loading costs little more
 * memory than the file and the document.
 */
static gboolean
read_events_scanned (Reader  *r,
                     GError **error)
{
  ChronoReadContext *ctx = r->ctx;
  g_autoptr(GString) path = g_string_new ("events[");
  g_autoptr(JsonParser) parser = NULL;
  ChronoEventScan *scan = _chrono_event_scan_new ();
  GArray *offsets = ctx->event_offsets;
  GArray *positions = ctx->event_positions;
  guint n = offsets->len;
  gboolean ok = TRUE;

  chrono_document_builder_reserve_events (r->builder, n);

  for (guint i = 0; i < n && !r->stopped; i++)
    {
      gsize begin = g_array_index (offsets, gsize, i);
      gsize limit = i + 1 < n ? g_array_index (offsets, gsize, i + 1) : ctx->events_close;
      ChronoEventDraft draft = { 0 };

      if (i % CHECK_EVERY == 0 && i > 0)
        {
          if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
            {
              ok = FALSE;
              break;
            }
          report_progress (r, 0.1 + 0.8 * i / n);
        }

      g_string_truncate (path, strlen ("events["));
      append_uint (path, i);
      g_string_append_c (path, ']');
      draft.path = path->str;
      if (positions != NULL && i < positions->len)
        draft.pos = g_array_index (positions, ChronoPos, i);

      if (scan_events && _chrono_event_scan_read (scan, ctx->data, begin, limit, &draft))
        {
          chrono_document_builder_add_event (r->builder, &draft);
          continue;
        }

      /* Anything to report, or not read by the scanner: the tree reader. */
      {
        g_autoptr(GError) parse_error = NULL;
        gsize end = _chrono_json_value_end (ctx->data, limit, begin);

        if (parser == NULL)
          parser = json_parser_new ();
        if (!json_parser_load_from_data (parser, ctx->data + begin, (gssize) (end - begin), &parse_error))
          error_at (r, CHRONO_ERROR_SYNTAX, path->str, NULL, "%s", parse_error->message);
        else
          read_event (r, json_parser_get_root (parser), path->str, &draft.pos);
      }
    }

  _chrono_event_scan_free (scan);
  return ok;
}

/**
 * _chrono_native_read_events_early:
 * @items: what the guard, running on another thread, finds of "events"
 * @guard_done: set atomically (to 1) by that thread when it is done
 *
 * Reads the events from the bytes into @builder while the guard still
 * runs, so that both cores work on a large file.  This is a guess: the
 * file may turn out to be bad, TimelineJS, or to have something the
 * reader of the bytes does not take.  It stops at the first event it does
 * not take, and the caller drops @builder then, or when the rest of the
 * file gives any diagnostic, and reads the file again the ordinary way,
 * so that what is reported never depends on the guess.
 *
 * Returns: TRUE when every event was read (and nothing was reported);
 *   FALSE when the guess failed or @cancellable was cancelled
 */
gboolean
_chrono_native_read_events_early (ChronoReadContext     *ctx,
                                  ChronoDocumentBuilder *builder,
                                  ChronoJsonItems       *items,
                                  const gint            *guard_done)
{
  g_autoptr(GString) path = g_string_new ("events[");
  ChronoEventScan *scan = _chrono_event_scan_new ();
  Reader reader = { ctx, builder, FALSE };
  gboolean ok = scan_events;
  guint i = 0;

  while (ok)
    {
      gboolean done = g_atomic_int_get (guard_done);
      guint ready = (guint) g_atomic_int_get (&items->ready);
      gsize begin, limit;
      ChronoEventDraft draft = { 0 };

      /* An event's end is known from the next one's start, or from the
       * array's end once the guard is done. */
      if (i + 1 >= ready && !(done && i < ready))
        {
          if (done)
            {
              /* Every event read, if the guard found the array. */
              ok = items->close > items->open;
              break;
            }
          g_usleep (50);
          continue;
        }

      /* The last one, of an array the guard did not see closed (it
       * stopped at an error): nothing more to guess. */
      if (i + 1 >= ready && items->close <= items->open)
        {
          ok = FALSE;
          break;
        }

      if (i % CHECK_EVERY == 0 && i > 0)
        {
          if (g_cancellable_is_cancelled (ctx->cancellable))
            {
              ok = FALSE;
              break;
            }
          report_progress (&reader, 0.1 + 0.8 * (double) g_array_index (items->offsets, gsize, i) / ctx->length);
        }

      begin = g_array_index (items->offsets, gsize, i);
      limit = i + 1 < ready ? g_array_index (items->offsets, gsize, i + 1) : items->close;
      g_string_truncate (path, strlen ("events["));
      append_uint (path, i);
      g_string_append_c (path, ']');
      draft.path = path->str;
      draft.pos = g_array_index (items->positions, ChronoPos, i);
      if (!_chrono_event_scan_read (scan, ctx->data, begin, limit, &draft))
        {
          ok = FALSE;
          break;
        }
      chrono_document_builder_add_event (builder, &draft);
      i++;
    }

  _chrono_event_scan_free (scan);
  return ok;
}

static gboolean
read_events (Reader     *r,
             JsonArray  *array,
             GError    **error)
{
  g_autoptr(GString) path = g_string_new ("events[");
  GArray *positions = r->ctx->event_positions;
  guint n = json_array_get_length (array);

  if (r->ctx->events_read)
    return TRUE;
  if (r->ctx->event_offsets != NULL)
    return read_events_scanned (r, error);

  chrono_document_builder_reserve_events (r->builder, n);

  for (guint i = 0; i < n && !r->stopped; i++)
    {
      if (i % CHECK_EVERY == 0 && i > 0)
        {
          if (g_cancellable_set_error_if_cancelled (r->ctx->cancellable, error))
            return FALSE;
          report_progress (r, 0.1 + 0.8 * i / n);
        }

      /* Not g_string_printf: this runs for every event. */
      g_string_truncate (path, strlen ("events["));
      append_uint (path, i);
      g_string_append_c (path, ']');
      read_event (r, json_array_get_element (array, i), path->str,
                  positions != NULL && i < positions->len
                    ? &g_array_index (positions, ChronoPos, i) : NULL);
    }

  return TRUE;
}

enum { SER_ID, SER_LANE, SER_TITLE, SER_POINTS, SER_UNIT, SER_STYLE, SER_COLOR, SER_HEIGHT, N_SER };
static const char * const series_members[] = { "id", "lane", "title", "points", "unit", "style", "color", "height", NULL };
/* A chart's height in pixels: tall enough to read, never a lane of its own. */
#define SERIES_MIN_HEIGHT 60
#define SERIES_MAX_HEIGHT 400

static void
read_points (Reader     *r,
             JsonNode   *node,
             const char *base)
{
  g_autofree char *path = join_path (base, "points");
  JsonArray *array = get_array (r, node, path, _("an array of [date, value] pairs"));
  guint n;

  g_array_set_size (r->points, 0);
  if (array == NULL)
    return;

  n = json_array_get_length (array);
  for (guint j = 0; j < n && !r->stopped; j++)
    {
      g_autofree char *point_path = g_strdup_printf ("%s[%u]", path, j);
      JsonNode *pn = json_array_get_element (array, j);
      JsonArray *pair;
      ChronoSeriesPoint point;

      if (!JSON_NODE_HOLDS_ARRAY (pn))
        {
          type_error (r, point_path, _("a [date, value] pair"), pn);
          continue;
        }
      pair = json_node_get_array (pn);
      if (json_array_get_length (pair) != 2)
        {
          error_at (r, CHRONO_ERROR_VALUE, point_path, _("write a point as [\"2025-12\", 9]"),
                    _("%s must be a [date, value] pair, not %u values"), point_path,
                    json_array_get_length (pair));
          continue;
        }
      {
        JsonNode *value = json_array_get_element (pair, 1);
        gboolean ok = get_date (r, json_array_get_element (pair, 0), point_path, "[0]", FALSE, &point.date);

        if (!is_number (value))
          {
            g_autofree char *value_path = g_strdup_printf ("%s[1]", point_path);

            type_error (r, value_path, _("a number"), value);
            ok = FALSE;
          }
        else
          point.value = json_node_get_double (value);

        if (ok)
          g_array_append_val (r->points, point);
      }
    }
}

static void
read_series (Reader    *r,
             JsonArray *array)
{
  guint n = json_array_get_length (array);
  ChronoPos nowhere = { 0, 0 };

  for (guint i = 0; i < n && !r->stopped; i++)
    {
      g_autofree char *path = g_strdup_printf ("series[%u]", i);
      JsonNode *m[N_SER];
      ChronoSeries series = { 0 };
      const char *lane;
      gboolean extended;

      if (!collect (r, json_array_get_element (array, i), path, N_("a series"), series_members,
                    (1 << SER_ID) | (1 << SER_LANE) | (1 << SER_TITLE) | (1 << SER_POINTS), m))
        continue;
      extended = r->extended;

      series.id = get_string (r, m[SER_ID], path, "id", TRUE);
      lane = get_string (r, m[SER_LANE], path, "lane", TRUE);
      series.title = get_string (r, m[SER_TITLE], path, "title", TRUE);
      series.unit = get_string (r, m[SER_UNIT], path, "unit", FALSE);
      series.has_color = get_color (r, m[SER_COLOR], path, &series.color);
      series.style = CHRONO_SERIES_LINE;
      if (m[SER_STYLE] != NULL)
        {
          const char *style = get_string (r, m[SER_STYLE], path, "style", FALSE);

          if (g_strcmp0 (style, "step") == 0)
            series.style = CHRONO_SERIES_STEP;
          else if (style != NULL && strcmp (style, "line") != 0)
            {
              g_autofree char *style_path = join_path (path, "style");
              g_autofree char *shown = short_text (style);

              error_at (r, CHRONO_ERROR_VALUE, style_path, _("use “line” or “step”"),
                        _("unknown series style “%s”"), shown);
            }
        }

      if (m[SER_HEIGHT] != NULL)
        {
          JsonNode *node = m[SER_HEIGHT];
          g_autofree char *height_path = join_path (path, "height");
          double v = is_number (node) ? json_node_get_double (node) : 0;

          if (!is_number (node) || v != floor (v))
            type_error (r, height_path, _("an integer number of pixels"), node);
          else if (v < SERIES_MIN_HEIGHT || v > SERIES_MAX_HEIGHT)
            error_at (r, CHRONO_ERROR_VALUE, height_path, _("use 60 to 400 pixels"),
                      _("%s must be 60 to 400, not %g"), height_path, v);
          else
            series.height = (guint) v;
        }

      read_points (r, m[SER_POINTS], path);
      series.points = (const ChronoSeriesPoint *) (gpointer) r->points->data;
      series.n_points = r->points->len;

      if (series.title == NULL)
        series.title = series.id != NULL ? series.id : "?";

      chrono_document_builder_add_series (r->builder, &series, lane, path, nowhere);
      keep_extensions (r, extended, json_array_get_element (array, i), CHRONO_RECORD_SERIES);
    }
}

enum { ERA_TITLE, ERA_START, ERA_END, ERA_COLOR, N_ERA };
static const char * const era_members[] = { "title", "start", "end", "color", NULL };

static void
read_eras (Reader    *r,
           JsonArray *array)
{
  guint n = json_array_get_length (array);
  ChronoPos nowhere = { 0, 0 };

  for (guint i = 0; i < n && !r->stopped; i++)
    {
      g_autofree char *path = g_strdup_printf ("eras[%u]", i);
      JsonNode *m[N_ERA];
      ChronoEra era = { 0 };
      gboolean ok;
      gboolean extended;

      if (!collect (r, json_array_get_element (array, i), path, N_("an era"), era_members,
                    (1 << ERA_TITLE) | (1 << ERA_START) | (1 << ERA_END), m))
        continue;
      extended = r->extended;

      era.title = get_string (r, m[ERA_TITLE], path, "title", TRUE);
      ok = get_date (r, m[ERA_START], path, "start", FALSE, &era.start);
      ok &= get_date (r, m[ERA_END], path, "end", TRUE, &era.end);
      era.has_color = get_color (r, m[ERA_COLOR], path, &era.color);

      if (!ok || era.title == NULL)
        continue;

      chrono_document_builder_add_era (r->builder, &era, path, nowhere);
      keep_extensions (r, extended, json_array_get_element (array, i), CHRONO_RECORD_ERA);
    }
}

/* A step is an event id, or { "event": id, "notes": text } with speaker
 * notes. */
static const char * const story_members[] = { "event", "notes", NULL };

static void
read_story (Reader    *r,
            JsonArray *array)
{
  guint n = json_array_get_length (array);
  ChronoPos nowhere = { 0, 0 };

  for (guint i = 0; i < n && !r->stopped; i++)
    {
      g_autofree char *path = g_strdup_printf ("story[%u]", i);
      JsonNode *step = json_array_get_element (array, i);
      JsonNode *m[2];
      const char *event, *notes;

      if (is_string (step))
        chrono_document_builder_add_story_step (r->builder, json_node_get_string (step), path, nowhere);
      else if (!JSON_NODE_HOLDS_OBJECT (step))
        type_error (r, path, _("an event id (a string) or a step ({\"event\": id, \"notes\": text})"), step);
      else if (collect (r, step, path, N_("a story step"), story_members, 1 << 0, m))
        {
          event = get_string (r, m[0], path, "event", TRUE);
          notes = get_string (r, m[1], path, "notes", FALSE);
          if (event != NULL)
            chrono_document_builder_add_story_step_with_notes (r->builder, event, notes, path, nowhere);
        }
    }
}

enum
{
  ROOT_VERSION, ROOT_TITLE, ROOT_DESCRIPTION, ROOT_LANES, ROOT_CATEGORIES,
  ROOT_EVENTS, ROOT_SERIES, ROOT_ERAS, ROOT_STORY, ROOT_MEDIA, ROOT_BACKGROUND, N_ROOT
};
static const char * const root_members[] = {
  "chronoscope", "title", "description", "lanes", "categories", "events",
  "series", "eras", "story", "media", "background", NULL
};

gboolean
_chrono_native_read (ChronoReadContext      *ctx,
                     JsonNode               *root,
                     ChronoDocumentBuilder  *builder,
                     GError                **error)
{
  Reader reader = { ctx, builder, FALSE };
  Reader *r = &reader;
  JsonNode *m[N_ROOT];
  JsonNode *version;
  JsonArray *array;
  gboolean ok = TRUE;
  const char *s;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (root != NULL, FALSE);
  g_return_val_if_fail (builder != NULL, FALSE);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      error_at (r, CHRONO_ERROR_FORMAT, "", _("a timeline file is a JSON object: {\"chronoscope\": 1, …}"),
                _("a timeline must be a JSON object, not %s"), _chrono_json_type_name (root, TRUE));
      return FALSE;
    }

  if (!collect (r, root, "", N_("a timeline"), root_members, 1 << ROOT_VERSION, m))
    return FALSE;
  keep_extensions (r, r->extended, root, CHRONO_RECORD_DOCUMENT);

  version = m[ROOT_VERSION];
  if (version == NULL)
    return FALSE;
  if (!is_number (version))
    {
      type_error (r, "chronoscope", _("the format version 1"), version);
      return FALSE;
    }
  if (json_node_get_value_type (version) != G_TYPE_INT64)
    {
      /* 1.0 is not the version 1: the format wants an integer. */
      error_at (r, CHRONO_ERROR_TYPE, "chronoscope",
                _("write the format version as an integer: \"chronoscope\": 1"),
                _("chronoscope must be the integer 1, not a decimal number"));
      return FALSE;
    }
  if (json_node_get_double (version) != 1.0)
    {
      g_autofree char *text = g_strdup_printf ("%g", json_node_get_double (version));

      error_at (r, CHRONO_ERROR_FORMAT, "chronoscope",
                _("this version of Chronoscope reads format version 1; a newer Chronoscope may read this file"),
                _("unsupported format version %s"), text);
      return FALSE;
    }

  s = get_string (r, m[ROOT_TITLE], "", "title", TRUE);
  if (s != NULL)
    chrono_document_builder_set_title (builder, s);
  s = get_string (r, m[ROOT_DESCRIPTION], "", "description", FALSE);
  if (s != NULL)
    chrono_document_builder_set_description (builder, s);

  {
    ChronoMedia media;
    ChronoBackground background;
    g_autofree char *media_url = NULL;
    gboolean has_media = read_media (r, m[ROOT_MEDIA], "", &media, &media_url);
    gboolean has_background = read_background (r, m[ROOT_BACKGROUND], &background);

    if (has_media || has_background)
      chrono_document_builder_set_cover (builder, has_media ? &media : NULL,
                                         has_background ? &background : NULL);
  }

  reader.tags = g_ptr_array_new ();
  reader.links = g_array_new (FALSE, FALSE, sizeof (ChronoLink));
  reader.link_urls = g_ptr_array_new_with_free_func (g_free);
  reader.related = g_ptr_array_new ();
  reader.related_labels = g_ptr_array_new ();
  reader.points = g_array_new (FALSE, FALSE, sizeof (ChronoSeriesPoint));

  if ((array = get_array (r, m[ROOT_LANES], "lanes", _("an array of lanes"))))
    read_lanes (r, array);
  if ((array = get_array (r, m[ROOT_CATEGORIES], "categories", _("an array of categories"))))
    read_categories (r, array);
  report_progress (r, 0.1);
  if ((array = get_array (r, m[ROOT_EVENTS], "events", _("an array of events"))))
    ok = read_events (r, array, error);
  if (ok)
    {
      if ((array = get_array (r, m[ROOT_SERIES], "series", _("an array of series"))))
        read_series (r, array);
      if ((array = get_array (r, m[ROOT_ERAS], "eras", _("an array of eras"))))
        read_eras (r, array);
      if ((array = get_array (r, m[ROOT_STORY], "story", _("an array of event ids"))))
        read_story (r, array);
      report_progress (r, 1.0);
    }

  g_ptr_array_unref (reader.tags);
  g_array_unref (reader.links);
  g_ptr_array_unref (reader.link_urls);
  g_ptr_array_unref (reader.related);
  g_ptr_array_unref (reader.related_labels);
  g_array_unref (reader.points);

  return ok;
}
