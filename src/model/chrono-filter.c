#define G_LOG_DOMAIN "chrono-filter"

#include "config.h"

#include <string.h>

#include "chrono-filter.h"
#include "chrono-hash.h"

/*
 * Every change bumps a generation number; the mask of one document is
 * kept until the generation or the document changes, so the timeline,
 * the list and the overview share one pass over the events.
 *
 * Text is matched word by word: every word of the search must occur in
 * the title or the description, after both are folded (accents removed,
 * case folded).  Pure ASCII text, the common case, is matched without
 * allocating.
 */

struct _ChronoFilter
{
  GObject         parent_instance;

  GHashTable     *hidden_lanes;      /* owned id strings */
  GHashTable     *hidden_categories; /* owned id strings */
  char          **tags;              /* NULL or non-empty */
  char           *text;              /* as set, NULL when empty */
  char          **words;             /* folded words of @text, or NULL */
  gboolean        has_range;
  gint64          from;
  gint64          to;
  guint           generation;

  ChronoDocument *mask_document;     /* weak */
  guint           mask_generation;
  guint64         mask_revision;     /* of the document: edits move events */
  guint8         *mask;
  guint           n_visible;
};

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (ChronoFilter, chrono_filter, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_ascii (const char *str)
{
  for (const guchar *p = (const guchar *)str; *p != '\0'; p++)
    {
      if (*p >= 0x80)
        return FALSE;
    }

  return TRUE;
}

/* Folds for matching: compatibility decomposition, combining marks
 * dropped, then case folding, so "Été" and "ete" compare equal. */
static char *
fold_text (const char *str)
{
  g_autofree char *decomposed = NULL;
  GString *stripped;

  if (is_ascii (str))
    return g_ascii_strdown (str, -1);

  decomposed = g_utf8_normalize (str, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (stripped, c);
    }

  {
    g_autofree char *plain = g_string_free (stripped, FALSE);

    return g_utf8_casefold (plain, -1);
  }
}

/* strstr() ignoring ASCII case; @needle is lower case already. */
static gboolean
ascii_contains (const char *haystack,
                const char *needle)
{
  gsize needle_len = strlen (needle);

  for (const char *p = haystack; *p != '\0'; p++)
    {
      if (g_ascii_tolower (*p) == needle[0] &&
          g_ascii_strncasecmp (p, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
word_in (const char *folded_or_ascii,
         gboolean    haystack_ascii,
         const char *word)
{
  if (folded_or_ascii == NULL)
    return FALSE;

  if (haystack_ascii)
    return ascii_contains (folded_or_ascii, word);

  return strstr (folded_or_ascii, word) != NULL;
}

static gboolean
text_matches (ChronoFilter      *self,
              const ChronoEvent *event)
{
  g_autofree char *folded_title = NULL;
  g_autofree char *folded_description = NULL;
  const char *title = event->title;
  const char *description = event->description;
  gboolean title_ascii = is_ascii (title);
  gboolean description_ascii = description == NULL || is_ascii (description);

  /* An ASCII haystack cannot hold a folded non-ASCII word. */
  if (!title_ascii)
    title = folded_title = fold_text (title);
  if (!description_ascii)
    description = folded_description = fold_text (description);

  for (guint i = 0; self->words[i] != NULL; i++)
    {
      const char *word = self->words[i];

      if (!word_in (title, title_ascii, word) &&
          !word_in (description, description_ascii, word))
        return FALSE;
    }

  return TRUE;
}

static gboolean
tags_match (ChronoFilter      *self,
            const ChronoEvent *event)
{
  if (event->extra == NULL)
    return FALSE;

  for (guint i = 0; i < event->extra->n_tags; i++)
    {
      for (guint j = 0; self->tags[j] != NULL; j++)
        {
          if (strcmp (event->extra->tags[i], self->tags[j]) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/* Everything but lanes and categories, which the callers check their
 * own way. */
static gboolean
matches_rest (ChronoFilter      *self,
              const ChronoEvent *event)
{
  if (self->has_range && !(event->start.time < self->to && event->end_time > self->from))
    return FALSE;

  if (self->tags != NULL && !tags_match (self, event))
    return FALSE;

  if (self->words != NULL && !text_matches (self, event))
    return FALSE;

  return TRUE;
}

static void
chrono_filter_changed (ChronoFilter *self)
{
  self->generation++;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
chrono_filter_finalize (GObject *object)
{
  ChronoFilter *self = (ChronoFilter *)object;

  g_clear_weak_pointer (&self->mask_document);
  g_clear_pointer (&self->mask, g_free);
  g_clear_pointer (&self->hidden_lanes, g_hash_table_unref);
  g_clear_pointer (&self->hidden_categories, g_hash_table_unref);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->words, g_strfreev);

  G_OBJECT_CLASS (chrono_filter_parent_class)->finalize (object);
}

static void
chrono_filter_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ChronoFilter *self = CHRONO_FILTER (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, chrono_filter_get_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_filter_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ChronoFilter *self = CHRONO_FILTER (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      chrono_filter_set_text (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_filter_class_init (ChronoFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chrono_filter_finalize;
  object_class->get_property = chrono_filter_get_property;
  object_class->set_property = chrono_filter_set_property;

  /**
   * ChronoFilter:text:
   *
   * The search text, "" when there is none; bindable to a search entry.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronoFilter::changed:
   *
   * Emitted once after any criterion changed.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
chrono_filter_init (ChronoFilter *self)
{
  self->hidden_lanes = _chrono_str_table_new (g_free, NULL);
  self->hidden_categories = _chrono_str_table_new (g_free, NULL);
  self->generation = 1;
}

/**
 * chrono_filter_new:
 *
 * Returns: (transfer full): a filter that lets every event through
 */
ChronoFilter *
chrono_filter_new (void)
{
  return g_object_new (CHRONO_TYPE_FILTER, NULL);
}

static void
copy_ids (GHashTable *from,
          GHashTable *to)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (to, g_strdup (key));
}

/**
 * chrono_filter_copy:
 *
 * A deep copy of every criterion (hidden lanes and categories, tags,
 * text, range), sharing nothing with @self, e.g. for use in another
 * thread.  The cached mask is not copied.
 *
 * Returns: (transfer full): a new filter matching what @self matches
 */
ChronoFilter *
chrono_filter_copy (ChronoFilter *self)
{
  ChronoFilter *copy;

  g_return_val_if_fail (CHRONO_IS_FILTER (self), NULL);

  copy = chrono_filter_new ();
  copy_ids (self->hidden_lanes, copy->hidden_lanes);
  copy_ids (self->hidden_categories, copy->hidden_categories);
  copy->tags = g_strdupv (self->tags);
  copy->text = g_strdup (self->text);
  copy->words = g_strdupv (self->words);
  copy->has_range = self->has_range;
  copy->from = self->from;
  copy->to = self->to;

  return copy;
}

static gboolean
set_hidden (GHashTable *hidden,
            const char *id,
            gboolean    visible)
{
  if (visible)
    return g_hash_table_remove (hidden, id);

  if (g_hash_table_contains (hidden, id))
    return FALSE;

  g_hash_table_add (hidden, g_strdup (id));

  return TRUE;
}

/**
 * chrono_filter_set_lane_visible:
 * @lane_id: a lane id
 * @visible: whether the lane's events pass
 */
void
chrono_filter_set_lane_visible (ChronoFilter *self,
                                const char   *lane_id,
                                gboolean      visible)
{
  g_return_if_fail (CHRONO_IS_FILTER (self));
  g_return_if_fail (lane_id != NULL);

  if (set_hidden (self->hidden_lanes, lane_id, visible))
    chrono_filter_changed (self);
}

/**
 * chrono_filter_get_lane_visible:
 * @lane_id: a lane id
 *
 * Returns: FALSE when the lane was hidden
 */
gboolean
chrono_filter_get_lane_visible (ChronoFilter *self,
                                const char   *lane_id)
{
  g_return_val_if_fail (CHRONO_IS_FILTER (self), TRUE);
  g_return_val_if_fail (lane_id != NULL, TRUE);

  return !g_hash_table_contains (self->hidden_lanes, lane_id);
}

/**
 * chrono_filter_set_category_visible:
 * @category_id: a category id
 * @visible: whether the category's events pass
 *
 * Events without a category are never hidden by this criterion.
 */
void
chrono_filter_set_category_visible (ChronoFilter *self,
                                    const char   *category_id,
                                    gboolean      visible)
{
  g_return_if_fail (CHRONO_IS_FILTER (self));
  g_return_if_fail (category_id != NULL);

  if (set_hidden (self->hidden_categories, category_id, visible))
    chrono_filter_changed (self);
}

/**
 * chrono_filter_get_category_visible:
 * @category_id: a category id
 *
 * Returns: FALSE when the category was hidden
 */
gboolean
chrono_filter_get_category_visible (ChronoFilter *self,
                                    const char   *category_id)
{
  g_return_val_if_fail (CHRONO_IS_FILTER (self), TRUE);
  g_return_val_if_fail (category_id != NULL, TRUE);

  return !g_hash_table_contains (self->hidden_categories, category_id);
}

/**
 * chrono_filter_set_tags:
 * @tags: (nullable) (array zero-terminated=1): tags of which an event
 *   needs at least one; NULL or empty lets every event through.  Copied.
 */
void
chrono_filter_set_tags (ChronoFilter       *self,
                        const char * const *tags)
{
  g_return_if_fail (CHRONO_IS_FILTER (self));

  if (tags != NULL && tags[0] == NULL)
    tags = NULL;

  if (tags == NULL && self->tags == NULL)
    return;
  if (tags != NULL && self->tags != NULL &&
      g_strv_equal ((const char * const *)self->tags, tags))
    return;

  g_clear_pointer (&self->tags, g_strfreev);
  self->tags = g_strdupv ((char **)tags);
  chrono_filter_changed (self);
}

/**
 * chrono_filter_get_tags:
 *
 * Returns: (transfer none) (nullable): the required tags, or NULL
 */
const char * const *
chrono_filter_get_tags (ChronoFilter *self)
{
  g_return_val_if_fail (CHRONO_IS_FILTER (self), NULL);

  return (const char * const *)self->tags;
}

/**
 * chrono_filter_set_text:
 * @text: (nullable): words that must all occur in the title or the
 *   description, ignoring case and accents; NULL or "" clears
 */
void
chrono_filter_set_text (ChronoFilter *self,
                        const char   *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (CHRONO_IS_FILTER (self));

  if (text != NULL && text[0] == '\0')
    text = NULL;

  if (g_strcmp0 (text, self->text) == 0)
    return;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  self->text = g_strdup (text);

  if (text != NULL)
    {
      g_auto(GStrv) words = NULL;
      GPtrArray *kept = g_ptr_array_new ();

      folded = fold_text (text);
      words = g_strsplit_set (folded, " \t\n\r", -1);
      for (guint i = 0; words[i] != NULL; i++)
        {
          if (words[i][0] != '\0')
            g_ptr_array_add (kept, g_strdup (words[i]));
        }

      if (kept->len > 0)
        {
          g_ptr_array_add (kept, NULL);
          self->words = (char **)g_ptr_array_free (kept, FALSE);
        }
      else
        g_ptr_array_free (kept, TRUE);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  chrono_filter_changed (self);
}

/**
 * chrono_filter_get_text:
 *
 * Returns: (transfer none): the search text as set, "" when none
 */
const char *
chrono_filter_get_text (ChronoFilter *self)
{
  g_return_val_if_fail (CHRONO_IS_FILTER (self), NULL);

  return self->text != NULL ? self->text : "";
}

/**
 * chrono_filter_set_range:
 * @has_range: FALSE to clear the range
 * @from: start of the range, seconds
 * @to: exclusive end of the range, seconds
 *
 * Only events overlapping [@from, @to) pass.
 */
void
chrono_filter_set_range (ChronoFilter *self,
                         gboolean      has_range,
                         gint64        from,
                         gint64        to)
{
  g_return_if_fail (CHRONO_IS_FILTER (self));

  has_range = !!has_range;
  if (!has_range)
    from = to = 0;

  if (has_range == self->has_range && from == self->from && to == self->to)
    return;

  self->has_range = has_range;
  self->from = from;
  self->to = to;
  chrono_filter_changed (self);
}

/**
 * chrono_filter_get_range:
 * @from: (out) (optional): start of the range, seconds
 * @to: (out) (optional): exclusive end of the range, seconds
 *
 * Returns: whether a range is set
 */
gboolean
chrono_filter_get_range (ChronoFilter *self,
                         gint64       *from,
                         gint64       *to)
{
  g_return_val_if_fail (CHRONO_IS_FILTER (self), FALSE);

  if (from != NULL)
    *from = self->from;
  if (to != NULL)
    *to = self->to;

  return self->has_range;
}

/**
 * chrono_filter_reset:
 *
 * Clears every criterion, emitting "changed" once if anything was set.
 */
void
chrono_filter_reset (ChronoFilter *self)
{
  gboolean had_text;

  g_return_if_fail (CHRONO_IS_FILTER (self));

  if (chrono_filter_is_empty (self) && self->text == NULL)
    return;

  had_text = self->text != NULL;

  g_hash_table_remove_all (self->hidden_lanes);
  g_hash_table_remove_all (self->hidden_categories);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  self->has_range = FALSE;
  self->from = self->to = 0;

  if (had_text)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
  chrono_filter_changed (self);
}

/**
 * chrono_filter_is_empty:
 *
 * Returns: TRUE when every event passes whatever the document
 */
gboolean
chrono_filter_is_empty (ChronoFilter *self)
{
  g_return_val_if_fail (CHRONO_IS_FILTER (self), TRUE);

  return g_hash_table_size (self->hidden_lanes) == 0 &&
         g_hash_table_size (self->hidden_categories) == 0 &&
         self->tags == NULL &&
         self->words == NULL &&
         !self->has_range;
}

/**
 * chrono_filter_matches:
 * @document: the document @event belongs to
 * @event: an event of @document
 *
 * Returns: whether @event passes every criterion
 */
gboolean
chrono_filter_matches (ChronoFilter      *self,
                       ChronoDocument    *document,
                       const ChronoEvent *event)
{
  g_return_val_if_fail (CHRONO_IS_FILTER (self), FALSE);
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (event != NULL, FALSE);

  if (g_hash_table_size (self->hidden_lanes) > 0 &&
      g_hash_table_contains (self->hidden_lanes, chrono_document_get_lane (document, event->lane)->id))
    return FALSE;

  if (event->category >= 0 &&
      g_hash_table_size (self->hidden_categories) > 0 &&
      g_hash_table_contains (self->hidden_categories,
                             chrono_document_get_category (document, event->category)->id))
    return FALSE;

  return matches_rest (self, event);
}

/**
 * chrono_filter_get_mask:
 * @document: a document
 * @n_visible: (out) (optional): how many events pass
 *
 * Computes, or returns from the cache, one byte per event of @document:
 * 1 when the event passes.  The cache holds one document and is dropped
 * when the filter changes or the document is finalized.
 *
 * Returns: (transfer none) (array): the mask, valid until the filter
 *   changes or the mask of another document is asked for
 */
const guint8 *
chrono_filter_get_mask (ChronoFilter   *self,
                        ChronoDocument *document,
                        guint          *n_visible)
{
  g_autofree gboolean *lane_shown = NULL;
  g_autofree gboolean *category_shown = NULL;
  guint n_events;
  guint n_lanes;
  guint n_categories;
  guint count = 0;

  g_return_val_if_fail (CHRONO_IS_FILTER (self), NULL);
  g_return_val_if_fail (CHRONO_IS_DOCUMENT (document), NULL);

  if (self->mask != NULL &&
      self->mask_document == document &&
      self->mask_generation == self->generation &&
      self->mask_revision == chrono_document_get_revision (document))
    goto done;

  n_events = chrono_document_get_n_events (document);
  n_lanes = chrono_document_get_n_lanes (document);
  n_categories = chrono_document_get_n_categories (document);

  lane_shown = g_new (gboolean, MAX (n_lanes, 1));
  for (guint i = 0; i < n_lanes; i++)
    lane_shown[i] = !g_hash_table_contains (self->hidden_lanes, chrono_document_get_lane (document, i)->id);

  category_shown = g_new (gboolean, MAX (n_categories, 1));
  for (guint i = 0; i < n_categories; i++)
    category_shown[i] = !g_hash_table_contains (self->hidden_categories,
                                                chrono_document_get_category (document, i)->id);

  g_clear_pointer (&self->mask, g_free);
  self->mask = g_new (guint8, MAX (n_events, 1));

  for (guint i = 0; i < n_events; i++)
    {
      const ChronoEvent *event = chrono_document_get_event (document, i);
      gboolean pass;

      pass = lane_shown[event->lane] &&
             (event->category < 0 || category_shown[event->category]) &&
             matches_rest (self, event);
      self->mask[i] = pass;
      count += pass;
    }

  g_set_weak_pointer (&self->mask_document, document);
  self->mask_generation = self->generation;
  self->mask_revision = chrono_document_get_revision (document);
  self->n_visible = count;

done:
  if (n_visible != NULL)
    *n_visible = self->n_visible;

  return self->mask;
}
