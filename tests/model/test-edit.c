/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "chrono-edit.h"
#include "chrono-error.h"
#include "chrono-event-list.h"
#include "model-test-util.h"

/* Every edit is checked against a document loaded from the file text it
 * should be equal to, field by field, through the public accessors (the
 * ones the views and the writer use). */

#define HEAD "{\"chronoscope\": 1, \"title\": \"T\", " \
  "\"lanes\": [{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"b\", \"title\": \"B\", \"color\": \"#ff0000\"}], " \
  "\"categories\": [{\"id\": \"c\", \"title\": \"C\"}, {\"id\": \"d\", \"title\": \"D\"}], "

#define E1 "{\"id\": \"e1\", \"lane\": \"a\", \"title\": \"One\", \"start\": \"2001\"}"
#define E2 "{\"id\": \"e2\", \"lane\": \"b\", \"title\": \"Two\", \"start\": \"2002-05\", \"end\": \"2004\", \"category\": \"c\", " \
  "\"tags\": [\"x\"], \"related\": [{\"event\": \"e1\", \"label\": \"after\"}]}"
#define E3 "{\"id\": \"e3\", \"lane\": \"a\", \"title\": \"Three\", \"start\": \"2003-01-02\", \"importance\": 5, " \
  "\"links\": [{\"title\": \"L\", \"url\": \"https://example.org/\"}]}"
#define E4 "{\"id\": \"e4\", \"lane\": \"b\", \"title\": \"Four\", \"start\": \"1999\", \"end\": \"..\", \"description\": \"desc\"}"

static ChronoDocument *
load (const char *text)
{
  g_autoptr(GError) error = NULL;
  ChronoDocument *document = test_load_text (text, "test.json", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static ChronoDocument *
load_base (void)
{
  return load (HEAD "\"events\": [" E1 ", " E2 ", " E3 ", " E4 "], \"story\": [\"e2\", \"e1\"]}");
}

static void
assert_same_date (const ChronoDate *a,
                  const ChronoDate *b)
{
  g_assert_cmpint (a->time, ==, b->time);
  g_assert_cmpint (a->precision, ==, b->precision);
  g_assert_cmpint (a->flags, ==, b->flags);
  g_assert_cmpint (a->offset, ==, b->offset);
}

static void
assert_same_document (ChronoDocument *got,
                      ChronoDocument *want)
{
  guint n_got, n_want;
  const guint *story_got, *story_want;
  const char * const *tags_got = chrono_document_get_tags (got);
  const char * const *tags_want = chrono_document_get_tags (want);

  g_assert_cmpstr (chrono_document_get_title (got), ==, chrono_document_get_title (want));
  g_assert_cmpstr (chrono_document_get_description (got), ==, chrono_document_get_description (want));

  g_assert_cmpuint (chrono_document_get_n_lanes (got), ==, chrono_document_get_n_lanes (want));
  for (guint i = 0; i < chrono_document_get_n_lanes (want); i++)
    {
      const ChronoLane *a = chrono_document_get_lane (got, i);
      const ChronoLane *b = chrono_document_get_lane (want, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpint (a->has_color, ==, b->has_color);
      g_assert_cmpuint (a->color, ==, b->color);
      g_assert_cmpint (chrono_document_find_lane (got, a->id), ==, (int) i);
    }

  g_assert_cmpuint (chrono_document_get_n_categories (got), ==, chrono_document_get_n_categories (want));
  for (guint i = 0; i < chrono_document_get_n_categories (want); i++)
    {
      g_assert_cmpstr (chrono_document_get_category (got, i)->id, ==, chrono_document_get_category (want, i)->id);
      g_assert_cmpstr (chrono_document_get_category (got, i)->title, ==, chrono_document_get_category (want, i)->title);
    }

  g_assert_cmpuint (chrono_document_get_n_events (got), ==, chrono_document_get_n_events (want));
  for (guint i = 0; i < chrono_document_get_n_events (want); i++)
    {
      const ChronoEvent *a = chrono_document_get_event (got, i);
      const ChronoEvent *b = chrono_document_get_event (want, i);
      guint na = a->extra != NULL ? a->extra->n_tags : 0;
      guint nb = b->extra != NULL ? b->extra->n_tags : 0;

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (a->description, ==, b->description);
      assert_same_date (&a->start, &b->start);
      assert_same_date (&a->end, &b->end);
      if (!(b->end.flags & CHRONO_DATE_OPEN))
        g_assert_cmpint (a->end_time, ==, b->end_time);
      g_assert_cmpstr (chrono_document_get_lane (got, a->lane)->id, ==, chrono_document_get_lane (want, b->lane)->id);
      g_assert_cmpint (a->category < 0, ==, b->category < 0);
      if (b->category >= 0)
        g_assert_cmpstr (chrono_document_get_category (got, a->category)->id, ==,
                         chrono_document_get_category (want, b->category)->id);
      g_assert_cmpint (a->importance, ==, b->importance);
      g_assert_cmpint (chrono_document_find_event (got, a->id), ==, (int) i);
      g_assert_cmpint (chrono_document_get_position (got, a), ==, (int) i);

      g_assert_cmpuint (na, ==, nb);
      for (guint t = 0; t < nb; t++)
        g_assert_cmpstr (a->extra->tags[t], ==, b->extra->tags[t]);
      g_assert_cmpuint (a->extra != NULL ? a->extra->n_links : 0, ==, b->extra != NULL ? b->extra->n_links : 0);
      for (guint l = 0; b->extra != NULL && l < b->extra->n_links; l++)
        {
          g_assert_cmpstr (a->extra->links[l].title, ==, b->extra->links[l].title);
          g_assert_cmpstr (a->extra->links[l].url, ==, b->extra->links[l].url);
        }
      g_assert_cmpuint (a->extra != NULL ? a->extra->n_related : 0, ==, b->extra != NULL ? b->extra->n_related : 0);
      for (guint r = 0; b->extra != NULL && r < b->extra->n_related; r++)
        {
          g_assert_cmpstr (chrono_document_get_event (got, a->extra->related[r].event)->id, ==,
                           chrono_document_get_event (want, b->extra->related[r].event)->id);
          g_assert_cmpstr (a->extra->related[r].label, ==, b->extra->related[r].label);
        }
    }

  story_got = chrono_document_get_story (got, &n_got);
  story_want = chrono_document_get_story (want, &n_want);
  g_assert_cmpuint (n_got, ==, n_want);
  for (guint i = 0; i < n_want; i++)
    g_assert_cmpstr (chrono_document_get_event (got, story_got[i])->id, ==,
                     chrono_document_get_event (want, story_want[i])->id);

  g_assert_cmpstrv ((char **) tags_got, (char **) tags_want);
}

/* Applies an edit with @edit, compares with @after_text, undoes (equal
 * to the base), redoes (equal to @after_text again). */
typedef gboolean (*EditFunc) (ChronoEditStack *stack,
                              GError         **error);

static void
check_edit (EditFunc    edit,
            const char *after_text)
{
  g_autoptr(ChronoDocument) document = load_base ();
  g_autoptr(ChronoDocument) base = load_base ();
  g_autoptr(ChronoDocument) after = load (after_text);
  g_autoptr(ChronoEditStack) stack = chrono_edit_stack_new (document);
  g_autoptr(GError) error = NULL;

  g_assert_true (edit (stack, &error));
  g_assert_no_error (error);
  g_assert_true (chrono_edit_stack_get_modified (stack));
  assert_same_document (document, after);

  g_assert_true (chrono_edit_stack_undo (stack));
  g_assert_false (chrono_edit_stack_get_modified (stack));
  assert_same_document (document, base);

  g_assert_true (chrono_edit_stack_redo (stack));
  assert_same_document (document, after);
  g_assert_false (chrono_edit_stack_can_redo (stack));

  g_assert_true (chrono_edit_stack_undo (stack));
  assert_same_document (document, base);
}

static int
pos (ChronoEditStack *stack,
     const char      *id)
{
  return chrono_document_find_event (chrono_edit_stack_get_document (stack), id);
}

static gboolean
edit_title (ChronoEditStack *s, GError **e)
{
  return chrono_edit_stack_set_title (s, pos (s, "e3"), "Drei", e);
}

static gboolean
edit_dates (ChronoEditStack *s, GError **e)
{
  return chrono_edit_stack_set_dates (s, pos (s, "e1"), "2005-06~", "2007", e);
}

static gboolean
edit_lane (ChronoEditStack *s, GError **e)
{
  return chrono_edit_stack_set_lane (s, pos (s, "e1"), "b", e);
}

static gboolean
edit_category (ChronoEditStack *s, GError **e)
{
  return chrono_edit_stack_set_category (s, pos (s, "e2"), "d", e) &&
         chrono_edit_stack_set_category (s, pos (s, "e3"), "c", e);
}

static gboolean
edit_importance (ChronoEditStack *s, GError **e)
{
  return chrono_edit_stack_set_importance (s, pos (s, "e1"), 1, e);
}

static gboolean
edit_description (ChronoEditStack *s, GError **e)
{
  return chrono_edit_stack_set_description (s, pos (s, "e4"), NULL, e) &&
         chrono_edit_stack_set_description (s, pos (s, "e1"), "new", e);
}

static gboolean
edit_tags (ChronoEditStack *s, GError **e)
{
  const char *tags[] = { "z", "a", NULL };

  return chrono_edit_stack_set_tags (s, pos (s, "e1"), tags, e) &&
         chrono_edit_stack_set_tags (s, pos (s, "e2"), NULL, e);
}

static gboolean
edit_links (ChronoEditStack *s, GError **e)
{
  ChronoLink links[] = { { "M", "mailto:a@example.org" }, { NULL, " https://example.com/x " } };

  return chrono_edit_stack_set_links (s, pos (s, "e1"), links, 2, e);
}

static gboolean
edit_related (ChronoEditStack *s, GError **e)
{
  const char *ids[] = { "e4", "e2", NULL };
  const char *labels[] = { "first", NULL, NULL };

  return chrono_edit_stack_set_related (s, pos (s, "e3"), ids, labels, e);
}

static gboolean
edit_add (ChronoEditStack *s, GError **e)
{
  const char *tags[] = { "y", NULL };
  const char *related[] = { "e3", NULL };
  ChronoEventDraft draft = { .id = "e5", .title = "Five", .lane = "b", .category = "d",
                             .start = test_date ("2000-02"), .end = test_date ("2002"),
                             .tags = tags, .related = related };

  return chrono_edit_stack_add_event (s, &draft, NULL, e);
}

static gboolean
edit_remove (ChronoEditStack *s, GError **e)
{
  guint positions[] = { pos (s, "e1"), pos (s, "e3") };

  /* e2 names e1 (its relation goes), the story names e1 (its step goes). */
  return chrono_edit_stack_remove_events (s, positions, 2, e);
}

static gboolean
edit_move (ChronoEditStack *s, GError **e)
{
  guint positions[] = { pos (s, "e1"), pos (s, "e3") };

  /* Two years and a bit: 2001 is no longer a year start, so it gets as
   * fine as it must; e3 stays a day. */
  return chrono_edit_stack_move_events (s, positions, 2, 10 * CHRONO_SECONDS_PER_DAY, "b", e);
}

static gboolean
edit_lanes (ChronoEditStack *s, GError **e)
{
  ChronoLane lane = { .id = "n", .title = "New" };
  ChronoLane renamed = { .title = "Bee", .has_color = TRUE, .color = 0x00ff00 };

  return chrono_edit_stack_add_lane (s, &lane, e) &&
         chrono_edit_stack_update_lane (s, 1, &renamed, e) &&
         chrono_edit_stack_move_lane (s, 0, 2, e);
}

static gboolean
edit_remove_lane_move (ChronoEditStack *s, GError **e)
{
  return chrono_edit_stack_remove_lane (s, 0, "b", e);
}

static gboolean
edit_remove_lane_delete (ChronoEditStack *s, GError **e)
{
  return chrono_edit_stack_remove_lane (s, 1, NULL, e);
}

static gboolean
edit_categories (ChronoEditStack *s, GError **e)
{
  ChronoCategory category = { .id = "n", .title = "New" };
  ChronoCategory renamed = { .title = "Cee" };

  return chrono_edit_stack_add_category (s, &category, e) &&
         chrono_edit_stack_update_category (s, 0, &renamed, e) &&
         chrono_edit_stack_move_category (s, 2, 0, e) &&
         chrono_edit_stack_remove_category (s, 1, "d", e);
}

static gboolean
edit_meta (ChronoEditStack *s, GError **e)
{
  const char *story[] = { "e3", "e4", "e1", NULL };

  return chrono_edit_stack_set_document_title (s, "New title", e) &&
         chrono_edit_stack_set_document_description (s, "About", e) &&
         chrono_edit_stack_set_story (s, story, e);
}

/* Runs a few edits as one group, so check_edit's one undo covers them. */
#define GROUPED(name, func) \
  static gboolean name (ChronoEditStack *s, GError **e) \
  { \
    gboolean ok; \
    chrono_edit_stack_begin_group (s, "group"); \
    ok = func (s, e); \
    chrono_edit_stack_end_group (s); \
    return ok; \
  }

GROUPED (grouped_category, edit_category)
GROUPED (grouped_description, edit_description)
GROUPED (grouped_tags, edit_tags)
GROUPED (grouped_lanes, edit_lanes)
GROUPED (grouped_categories, edit_categories)
GROUPED (grouped_meta, edit_meta)

#define E1_LIKE(fields) "{\"id\": \"e1\", " fields "}"

static void
test_event_fields (void)
{
  check_edit (edit_title, HEAD "\"events\": [" E1 ", " E2 ", "
              "{\"id\": \"e3\", \"lane\": \"a\", \"title\": \"Drei\", \"start\": \"2003-01-02\", \"importance\": 5, "
              "\"links\": [{\"title\": \"L\", \"url\": \"https://example.org/\"}]}, " E4 "], \"story\": [\"e2\", \"e1\"]}");
  check_edit (edit_dates, HEAD "\"events\": ["
              E1_LIKE ("\"lane\": \"a\", \"title\": \"One\", \"start\": \"2005-06~\", \"end\": \"2007\"")
              ", " E2 ", " E3 ", " E4 "], \"story\": [\"e2\", \"e1\"]}");
  check_edit (edit_lane, HEAD "\"events\": ["
              E1_LIKE ("\"lane\": \"b\", \"title\": \"One\", \"start\": \"2001\"")
              ", " E2 ", " E3 ", " E4 "], \"story\": [\"e2\", \"e1\"]}");
  check_edit (grouped_category, HEAD "\"events\": [" E1 ", "
              "{\"id\": \"e2\", \"lane\": \"b\", \"title\": \"Two\", \"start\": \"2002-05\", \"end\": \"2004\", \"category\": \"d\", "
              "\"tags\": [\"x\"], \"related\": [{\"event\": \"e1\", \"label\": \"after\"}]}, "
              "{\"id\": \"e3\", \"lane\": \"a\", \"title\": \"Three\", \"start\": \"2003-01-02\", \"importance\": 5, \"category\": \"c\", "
              "\"links\": [{\"title\": \"L\", \"url\": \"https://example.org/\"}]}, " E4 "], \"story\": [\"e2\", \"e1\"]}");
  check_edit (edit_importance, HEAD "\"events\": ["
              E1_LIKE ("\"lane\": \"a\", \"title\": \"One\", \"start\": \"2001\", \"importance\": 1")
              ", " E2 ", " E3 ", " E4 "], \"story\": [\"e2\", \"e1\"]}");
  check_edit (grouped_description, HEAD "\"events\": ["
              E1_LIKE ("\"lane\": \"a\", \"title\": \"One\", \"start\": \"2001\", \"description\": \"new\"")
              ", " E2 ", " E3 ", {\"id\": \"e4\", \"lane\": \"b\", \"title\": \"Four\", \"start\": \"1999\", \"end\": \"..\"}], "
              "\"story\": [\"e2\", \"e1\"]}");
  check_edit (grouped_tags, HEAD "\"events\": ["
              E1_LIKE ("\"lane\": \"a\", \"title\": \"One\", \"start\": \"2001\", \"tags\": [\"z\", \"a\"]")
              ", {\"id\": \"e2\", \"lane\": \"b\", \"title\": \"Two\", \"start\": \"2002-05\", \"end\": \"2004\", \"category\": \"c\", "
              "\"related\": [{\"event\": \"e1\", \"label\": \"after\"}]}, " E3 ", " E4 "], \"story\": [\"e2\", \"e1\"]}");
  check_edit (edit_links, HEAD "\"events\": ["
              E1_LIKE ("\"lane\": \"a\", \"title\": \"One\", \"start\": \"2001\", \"links\": "
                       "[{\"title\": \"M\", \"url\": \"mailto:a@example.org\"}, {\"url\": \"https://example.com/x\"}]")
              ", " E2 ", " E3 ", " E4 "], \"story\": [\"e2\", \"e1\"]}");
  check_edit (edit_related, HEAD "\"events\": [" E1 ", " E2 ", "
              "{\"id\": \"e3\", \"lane\": \"a\", \"title\": \"Three\", \"start\": \"2003-01-02\", \"importance\": 5, "
              "\"links\": [{\"title\": \"L\", \"url\": \"https://example.org/\"}], "
              "\"related\": [{\"event\": \"e4\", \"label\": \"first\"}, {\"event\": \"e2\"}]}, " E4 "], \"story\": [\"e2\", \"e1\"]}");
}

static void
test_add_remove_move (void)
{
  check_edit (edit_add, HEAD "\"events\": [" E1 ", " E2 ", " E3 ", " E4 ", "
              "{\"id\": \"e5\", \"lane\": \"b\", \"title\": \"Five\", \"start\": \"2000-02\", \"end\": \"2002\", \"category\": \"d\", "
              "\"tags\": [\"y\"], \"related\": [{\"event\": \"e3\"}]}], \"story\": [\"e2\", \"e1\"]}");
  check_edit (edit_remove, HEAD "\"events\": ["
              "{\"id\": \"e2\", \"lane\": \"b\", \"title\": \"Two\", \"start\": \"2002-05\", \"end\": \"2004\", \"category\": \"c\", "
              "\"tags\": [\"x\"]}, " E4 "], \"story\": [\"e2\"]}");
  check_edit (edit_move, HEAD "\"events\": ["
              E1_LIKE ("\"lane\": \"b\", \"title\": \"One\", \"start\": \"2001-01-11\"")
              ", " E2 ", {\"id\": \"e3\", \"lane\": \"b\", \"title\": \"Three\", \"start\": \"2003-01-12\", \"importance\": 5, "
              "\"links\": [{\"title\": \"L\", \"url\": \"https://example.org/\"}]}, " E4 "], \"story\": [\"e2\", \"e1\"]}");
}

#define EVENTS_AB "\"events\": [" E1 ", " E2 ", " E3 ", " E4 "], \"story\": [\"e2\", \"e1\"]}"

static void
test_lanes_categories (void)
{
  check_edit (grouped_lanes, "{\"chronoscope\": 1, \"title\": \"T\", "
              "\"lanes\": [{\"id\": \"b\", \"title\": \"Bee\", \"color\": \"#00ff00\"}, {\"id\": \"n\", \"title\": \"New\"}, "
              "{\"id\": \"a\", \"title\": \"A\"}], "
              "\"categories\": [{\"id\": \"c\", \"title\": \"C\"}, {\"id\": \"d\", \"title\": \"D\"}], " EVENTS_AB);
  check_edit (edit_remove_lane_move, "{\"chronoscope\": 1, \"title\": \"T\", "
              "\"lanes\": [{\"id\": \"b\", \"title\": \"B\", \"color\": \"#ff0000\"}], "
              "\"categories\": [{\"id\": \"c\", \"title\": \"C\"}, {\"id\": \"d\", \"title\": \"D\"}], "
              "\"events\": [{\"id\": \"e1\", \"lane\": \"b\", \"title\": \"One\", \"start\": \"2001\"}, " E2 ", "
              "{\"id\": \"e3\", \"lane\": \"b\", \"title\": \"Three\", \"start\": \"2003-01-02\", \"importance\": 5, "
              "\"links\": [{\"title\": \"L\", \"url\": \"https://example.org/\"}]}, " E4 "], \"story\": [\"e2\", \"e1\"]}");
  check_edit (edit_remove_lane_delete, "{\"chronoscope\": 1, \"title\": \"T\", "
              "\"lanes\": [{\"id\": \"a\", \"title\": \"A\"}], "
              "\"categories\": [{\"id\": \"c\", \"title\": \"C\"}, {\"id\": \"d\", \"title\": \"D\"}], "
              "\"events\": [" E1 ", " E3 "], \"story\": [\"e1\"]}");
  check_edit (grouped_categories, "{\"chronoscope\": 1, \"title\": \"T\", "
              "\"lanes\": [{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"b\", \"title\": \"B\", \"color\": \"#ff0000\"}], "
              "\"categories\": [{\"id\": \"n\", \"title\": \"New\"}, {\"id\": \"d\", \"title\": \"D\"}], "
              "\"events\": [" E1 ", "
              "{\"id\": \"e2\", \"lane\": \"b\", \"title\": \"Two\", \"start\": \"2002-05\", \"end\": \"2004\", \"category\": \"d\", "
              "\"tags\": [\"x\"], \"related\": [{\"event\": \"e1\", \"label\": \"after\"}]}, " E3 ", " E4 "], "
              "\"story\": [\"e2\", \"e1\"]}");
  check_edit (grouped_meta, "{\"chronoscope\": 1, \"title\": \"New title\", \"description\": \"About\", "
              "\"lanes\": [{\"id\": \"a\", \"title\": \"A\"}, {\"id\": \"b\", \"title\": \"B\", \"color\": \"#ff0000\"}], "
              "\"categories\": [{\"id\": \"c\", \"title\": \"C\"}, {\"id\": \"d\", \"title\": \"D\"}], "
              "\"events\": [" E1 ", " E2 ", " E3 ", " E4 "], \"story\": [\"e3\", \"e4\", \"e1\"]}");
}

/* An event added to a document with no lane gets the builder's default
 * lane, in the same step. */
static void
test_add_to_empty (void)
{
  g_autoptr(ChronoDocument) document = load ("{\"chronoscope\": 1}");
  g_autoptr(ChronoEditStack) stack = chrono_edit_stack_new (document);
  ChronoEventDraft draft = { .title = "Joins", .start = test_date ("2024-07") };
  guint p;

  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 0);
  g_assert_true (chrono_edit_stack_add_event (stack, &draft, &p, NULL));
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 1);
  g_assert_cmpstr (chrono_document_get_event (document, p)->id, ==, "joins");
  g_assert_cmpstr (chrono_document_get_lane (document, 0)->id, ==, "events");

  g_assert_true (chrono_edit_stack_undo (stack));
  g_assert_false (chrono_edit_stack_can_undo (stack));
  g_assert_cmpuint (chrono_document_get_n_lanes (document), ==, 0);
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 0);

  g_assert_true (chrono_edit_stack_redo (stack));
  g_assert_cmpuint (chrono_document_get_n_events (document), ==, 1);
  g_assert_true (chrono_edit_stack_add_event (stack, &draft, &p, NULL));
  g_assert_cmpstr (chrono_document_get_event (document, p)->id, ==, "joins-2");
}

static void
test_grouping (void)
{
  g_autoptr(ChronoDocument) document = load_base ();
  g_autoptr(ChronoDocument) base = load_base ();
  g_autoptr(ChronoEditStack) stack = chrono_edit_stack_new (document);

  /* A drag: many small moves, one step. */
  chrono_edit_stack_begin_group (stack, "Drag");
  for (guint i = 0; i < 10; i++)
    {
      guint p = chrono_document_find_event (document, "e3");

      g_assert_true (chrono_edit_stack_move_events (stack, &p, 1, CHRONO_SECONDS_PER_DAY, NULL, NULL));
      g_assert_false (chrono_edit_stack_can_undo (stack));
    }
  chrono_edit_stack_end_group (stack);

  g_assert_true (chrono_edit_stack_can_undo (stack));
  g_assert_cmpstr (chrono_edit_stack_get_undo_label (stack), ==, "Drag");
  g_assert_true (chrono_edit_stack_undo (stack));
  g_assert_false (chrono_edit_stack_can_undo (stack));
  assert_same_document (document, base);

  /* An empty group leaves no step. */
  chrono_edit_stack_begin_group (stack, "Nothing");
  chrono_edit_stack_end_group (stack);
  g_assert_false (chrono_edit_stack_can_undo (stack));
  g_assert_true (chrono_edit_stack_can_redo (stack));
}

static void
test_modified (void)
{
  g_autoptr(ChronoDocument) document = load_base ();
  g_autoptr(ChronoEditStack) stack = chrono_edit_stack_new (document);
  guint notified = 0;

  g_signal_connect (stack, "notify::modified", G_CALLBACK (test_count_notify), &notified);
  g_assert_false (chrono_edit_stack_get_modified (stack));

  g_assert_true (chrono_edit_stack_set_title (stack, 0, "a", NULL));
  g_assert_true (chrono_edit_stack_get_modified (stack));
  g_assert_cmpuint (notified, ==, 1);

  chrono_edit_stack_set_saved (stack);
  g_assert_false (chrono_edit_stack_get_modified (stack));
  g_assert_cmpuint (notified, ==, 2);

  g_assert_true (chrono_edit_stack_undo (stack));
  g_assert_true (chrono_edit_stack_get_modified (stack));
  g_assert_true (chrono_edit_stack_redo (stack));
  g_assert_false (chrono_edit_stack_get_modified (stack));

  /* The saved point is undone, then another edit makes it unreachable. */
  g_assert_true (chrono_edit_stack_undo (stack));
  g_assert_true (chrono_edit_stack_set_title (stack, 0, "b", NULL));
  g_assert_true (chrono_edit_stack_get_modified (stack));
  g_assert_true (chrono_edit_stack_undo (stack));
  g_assert_true (chrono_edit_stack_get_modified (stack));
}

/* @error is read after the call in the caller's first argument (the
 * order in which arguments are evaluated is unspecified). */
static void
assert_error (gboolean        ok,
              GError        **error,
              int             code,
              const char     *message)
{
  g_assert_false (ok);
  g_assert_error (*error, CHRONO_ERROR, code);
  g_assert_cmpstr ((*error)->message, ==, message);
  g_clear_error (error);
}

static void
test_validation (void)
{
  g_autoptr(ChronoDocument) document = load_base ();
  g_autoptr(ChronoDocument) base = load_base ();
  g_autoptr(ChronoEditStack) stack = chrono_edit_stack_new (document);
  ChronoLink bad_link = { "x", "file:///etc/passwd" };
  ChronoEventDraft draft = { .id = "e1", .title = "Dup", .start = test_date ("2000") };
  const char *unknown[] = { "nope", NULL };
  GError *error = NULL;
  g_autoptr(GError) parse_error = NULL;

  /* The loader's parser and its message. */
  g_assert_false (chrono_date_parse ("2015-13", FALSE, NULL, NULL, &parse_error));
  assert_error (chrono_edit_stack_set_dates (stack, 0, "2015-13", NULL, &error), &error,
                CHRONO_ERROR_DATE, parse_error->message);

  assert_error (chrono_edit_stack_set_dates (stack, 0, "2015", "2014", &error), &error,
                CHRONO_ERROR_RANGE, "the end 2014 is before the start 2015");
  assert_error (chrono_edit_stack_set_lane (stack, 0, "zz", &error), &error,
                CHRONO_ERROR_REFERENCE, "unknown lane “zz”");
  assert_error (chrono_edit_stack_set_category (stack, 0, "zz", &error), &error,
                CHRONO_ERROR_REFERENCE, "unknown category “zz”");
  assert_error (chrono_edit_stack_set_importance (stack, 0, 6, &error), &error,
                CHRONO_ERROR_VALUE, "importance 6 is out of range");
  assert_error (chrono_edit_stack_set_title (stack, 0, "", &error), &error,
                CHRONO_ERROR_MISSING_MEMBER, "an event needs a title");
  g_assert_false (chrono_edit_stack_set_links (stack, 0, &bad_link, 1, &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_LINK);
  g_clear_error (&error);
  assert_error (chrono_edit_stack_set_related (stack, 0, unknown, NULL, &error), &error,
                CHRONO_ERROR_REFERENCE, "unknown event “nope”");
  assert_error (chrono_edit_stack_add_event (stack, &draft, NULL, &error), &error,
                CHRONO_ERROR_DUPLICATE_ID, "duplicate event id “e1”");
  assert_error (chrono_edit_stack_set_story (stack, unknown, &error), &error,
                CHRONO_ERROR_REFERENCE, "unknown event “nope” in the story");
  assert_error (chrono_edit_stack_remove_lane (stack, 0, "zz", &error), &error,
                CHRONO_ERROR_REFERENCE, "unknown lane “zz”");

  /* Nothing changed, nothing recorded. */
  g_assert_false (chrono_edit_stack_can_undo (stack));
  g_assert_false (chrono_edit_stack_get_modified (stack));
  assert_same_document (document, base);
}

/* Range queries after random edits equal a scan of every event. */
static void
test_random_queries (void)
{
  g_autoptr(GString) text = g_string_new (HEAD "\"events\": [");
  g_autoptr(ChronoDocument) document = NULL;
  g_autoptr(ChronoEditStack) stack = NULL;
  GRand *rand = g_rand_new_with_seed (20261208);
  guint next_id = 0;

  for (guint i = 0; i < 300; i++, next_id++)
    {
      int year = g_rand_int_range (rand, 1900, 2000);

      g_string_append_printf (text, "%s{\"id\": \"x%u\", \"lane\": \"%s\", \"title\": \"E%u\", \"start\": \"%d\"%s}",
                              i > 0 ? ", " : "", next_id, i % 2 ? "a" : "b", i, year,
                              g_rand_boolean (rand) ? ", \"end\": \"2001\"" : "");
    }
  g_string_append (text, "]}");
  document = load (text->str);
  stack = chrono_edit_stack_new (document);

  for (guint round = 0; round < 400; round++)
    {
      guint n = chrono_document_get_n_events (document);
      guint kind = g_rand_int_range (rand, 0, 5);
      g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (guint));
      gint64 from, to;
      guint k = 0;

      if (kind == 0 && n > 0)
        {
          guint p = g_rand_int_range (rand, 0, n);

          g_assert_true (chrono_edit_stack_remove_events (stack, &p, 1, NULL));
        }
      else if (kind == 1)
        {
          g_autofree char *id = g_strdup_printf ("x%u", next_id++);
          ChronoEventDraft draft = { .id = id, .title = "new", .start = test_date ("1950") };

          draft.start.time += (gint64) g_rand_int_range (rand, -5000, 5000) * CHRONO_SECONDS_PER_DAY * 10;
          draft.start.precision = CHRONO_PRECISION_DAY;
          g_assert_true (chrono_edit_stack_add_event (stack, &draft, NULL, NULL));
        }
      else if (kind == 2 && n > 0)
        {
          guint p = g_rand_int_range (rand, 0, n);

          g_assert_true (chrono_edit_stack_move_events (stack, &p, 1,
                                                        (gint64) g_rand_int_range (rand, -20000, 20000) * 86400,
                                                        NULL, NULL));
        }
      else if (kind == 3)
        chrono_edit_stack_undo (stack);
      else
        chrono_edit_stack_redo (stack);

      n = chrono_document_get_n_events (document);
      from = test_date ("1890").time + (gint64) g_rand_int_range (rand, 0, 130) * CHRONO_SECONDS_PER_YEAR;
      to = from + (gint64) g_rand_int_range (rand, 1, 40) * CHRONO_SECONDS_PER_YEAR;
      chrono_document_query_range (document, from, to, got);

      for (guint i = 0; i < n; i++)
        {
          const ChronoEvent *event = chrono_document_get_event (document, i);

          if (i > 0)
            g_assert_cmpint (event->start.time, >=, chrono_document_get_event (document, i - 1)->start.time);
          g_assert_cmpint (chrono_document_find_event (document, event->id), ==, (int) i);
          if (event->start.time < to && event->end_time > from)
            {
              g_assert_cmpuint (k, <, got->len);
              g_assert_cmpuint (g_array_index (got, guint, k), ==, i);
              k++;
            }
        }
      g_assert_cmpuint (k, ==, got->len);
    }

  g_rand_free (rand);
}

typedef struct
{
  guint position, removed, added, calls;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  *change = (Change) { position, removed, added, change->calls + 1 };
}

static void
assert_list_matches (ChronoEventList *list,
                     ChronoDocument  *document)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_assert_cmpuint (n, ==, chrono_document_get_n_events (document));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEventItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (chrono_event_item_get_event (item) == chrono_document_get_event (document, i));
    }
}

static void
test_event_list (void)
{
  g_autoptr(ChronoDocument) document = load_base ();
  g_autoptr(ChronoEditStack) stack = chrono_edit_stack_new (document);
  g_autoptr(ChronoEventList) list = chrono_event_list_new (document, NULL);
  ChronoEventDraft draft = { .title = "Early", .start = test_date ("1900") };
  Change change = { 0, };
  guint p;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &change);
  assert_list_matches (list, document);

  g_assert_true (chrono_edit_stack_add_event (stack, &draft, &p, NULL));
  g_assert_cmpuint (p, ==, 0);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  assert_list_matches (list, document);

  /* e1 (2001, position 2) moves after e3 (2003-01-02, position 4). */
  p = chrono_document_find_event (document, "e1");
  g_assert_cmpuint (p, ==, 2);
  g_assert_true (chrono_edit_stack_set_dates (stack, p, "2003-06", NULL, NULL));
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, 2);
  g_assert_cmpuint (change.removed, ==, 3);
  g_assert_cmpuint (change.added, ==, 3);
  assert_list_matches (list, document);

  g_assert_true (chrono_edit_stack_undo (stack));
  assert_list_matches (list, document);
  g_assert_true (chrono_edit_stack_undo (stack));
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  assert_list_matches (list, document);
}

static void
test_document_signal (void)
{
  g_autoptr(ChronoDocument) document = load_base ();
  g_autoptr(ChronoEditStack) stack = chrono_edit_stack_new (document);
  guint64 revision = chrono_document_get_revision (document);

  g_assert_true (chrono_edit_stack_set_title (stack, 1, "x", NULL));
  g_assert_cmpuint (chrono_document_get_revision (document), >, revision);
  g_assert_cmpstr (chrono_document_get_event (document, 1)->title, ==, "x");
}

/* Speaker notes stay with their step's event when the story changes,
 * and come back with an undone removal. */
static void
test_story_notes (void)
{
  g_autoptr(ChronoDocument) document =
    load (HEAD "\"events\": [" E1 ", " E2 ", " E3 "], "
          "\"story\": [\"e1\", {\"event\": \"e2\", \"notes\": \"Pause.\"}, \"e3\"]}");
  g_autoptr(ChronoEditStack) stack = chrono_edit_stack_new (document);
  g_autoptr(GError) error = NULL;
  const char *reordered[] = { "e2", "e3", "e1", NULL };
  guint position = (guint) chrono_document_find_event (document, "e1");
  guint n = 0;

  g_assert_cmpstr (chrono_document_get_story_notes (document, 1), ==, "Pause.");

  g_assert_true (chrono_edit_stack_set_story (stack, reordered, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (chrono_document_get_story_notes (document, 0), ==, "Pause.");
  g_assert_null (chrono_document_get_story_notes (document, 1));
  g_assert_null (chrono_document_get_story_notes (document, 2));

  /* Removing an event takes its step; the others keep their notes. */
  g_assert_true (chrono_edit_stack_remove_events (stack, &position, 1, &error));
  g_assert_no_error (error);
  chrono_document_get_story (document, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (chrono_document_get_story_notes (document, 0), ==, "Pause.");

  g_assert_true (chrono_edit_stack_undo (stack));
  g_assert_true (chrono_edit_stack_undo (stack));
  chrono_document_get_story (document, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_null (chrono_document_get_story_notes (document, 0));
  g_assert_cmpstr (chrono_document_get_story_notes (document, 1), ==, "Pause.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/edit/event-fields", test_event_fields);
  g_test_add_func ("/model/edit/add-remove-move", test_add_remove_move);
  g_test_add_func ("/model/edit/lanes-categories", test_lanes_categories);
  g_test_add_func ("/model/edit/add-to-empty", test_add_to_empty);
  g_test_add_func ("/model/edit/grouping", test_grouping);
  g_test_add_func ("/model/edit/modified", test_modified);
  g_test_add_func ("/model/edit/validation", test_validation);
  g_test_add_func ("/model/edit/random-queries", test_random_queries);
  g_test_add_func ("/model/edit/event-list", test_event_list);
  g_test_add_func ("/model/edit/document-signal", test_document_signal);
  g_test_add_func ("/model/edit/story-notes", test_story_notes);

  return g_test_run ();
}
