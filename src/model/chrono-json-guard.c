#define G_LOG_DOMAIN "chrono-json-guard"

#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "chrono-json-guard.h"
#include "chrono-hash.h"
#include "chrono-limits.h"

/* Objects with more members than this get a hash table for duplicate
 * keys; smaller ones (all of a timeline's events) compare key hashes
 * linearly, which is faster and allocates nothing.  The linear phase may
 * use a cheap unkeyed hash (FNV-1a) as a filter: its collisions cost at
 * most LINEAR_KEYS comparisons.  The table uses the keyed hash of
 * chrono-hash.h, so that no file can be made to collide in it. */
#define LINEAR_KEYS 16

/* Byte classes for the string fast path. */
enum
{
  CC_PLAIN = 0,
  CC_QUOTE,
  CC_BACKSLASH,
  CC_CONTROL,
  CC_HIGH,
};

static guint8 string_class[256];

static void
init_classes (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < 256; i++)
        {
          if (i < 0x20)
            string_class[i] = CC_CONTROL;
          else if (i == '"')
            string_class[i] = CC_QUOTE;
          else if (i == '\\')
            string_class[i] = CC_BACKSLASH;
          else if (i >= 0x80)
            string_class[i] = CC_HIGH;
          else
            string_class[i] = CC_PLAIN;
        }
      g_once_init_leave (&initialized, 1);
    }
}

typedef struct
{
  guint32 hash;       /* FNV-1a while the object is small, then keyed */
  guint32 length;     /* raw length, quotes excluded */
  gsize   offset;     /* of the first byte after the opening quote */
  gboolean escaped;   /* contains a backslash */
} Key;

typedef struct
{
  gsize     offset;      /* of the opening bracket */
  guint     line;
  gsize     line_start;
  gboolean  is_object;
  gboolean  is_items;    /* the array whose elements' positions are wanted */
  guint     key_base;    /* first of this object's keys in Guard.keys */
  guint     n_members;
  guint32  *table;       /* open addressing, key index + 1, or NULL */
  guint     table_mask;
} Frame;

typedef struct
{
  const guchar     *data;
  gsize             length;
  gsize             p;
  guint             line;
  gsize             line_start;
  Frame            *frames;
  guint             depth;
  GArray           *keys;       /* of Key, created on the first key */
  ChronoDiagnostic *error;
  /* Positions of the items of one top-level array member. */
  const char       *items_member;
  GArray           *items;
  GArray           *item_offsets; /* of gsize, or NULL */
  gsize             items_open;
  gsize             items_close;
  gboolean          root_key_is_items;
  const ChronoLimits *limits;
  guint             n_values;
  guint             cache_line;
  gsize             cache_offset;
  guint             cache_column;
} Guard;

typedef enum
{
  S_VALUE,        /* a value is expected */
  S_FIRST_VALUE,  /* after "[": a value or "]" */
  S_FIRST_KEY,    /* after "{": a key or "}" */
  S_KEY,          /* after "," in an object */
  S_COMMA_VALUE,  /* after "," in an array */
  S_COLON,        /* after a key */
  S_AFTER,        /* after a value in a container: "," or the closing bracket */
  S_END,          /* after the root value */
} State;

/* Counts the characters (UTF-8 lead bytes) in [from, to). */
static guint
count_chars (const guchar *data,
             gsize         from,
             gsize         to)
{
  guint n = 0;

  for (gsize i = from; i < to; i++)
    n += (data[i] & 0xC0) != 0x80;

  return n;
}

/* The position of @offset, scanning forward from a known line start. */
static ChronoPos
pos_from (const guchar *data,
          guint         line,
          gsize         line_start,
          gsize         offset)
{
  ChronoPos pos;

  for (gsize i = line_start; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          line++;
          line_start = i + 1;
        }
    }

  pos.line = line;
  pos.column = count_chars (data, line_start, offset) + 1;

  return pos;
}

static void G_GNUC_PRINTF (5, 6)
guard_error (Guard           *g,
             gsize            offset,
             ChronoErrorCode  code,
             const char      *hint,
             const char      *format,
             ...)
{
  g_autofree char *message = NULL;
  ChronoPos pos;
  va_list args;

  if (g->error != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (offset > g->length)
    offset = g->length;
  if (offset >= g->line_start)
    pos = pos_from (g->data, g->line, g->line_start, offset);
  else
    pos = pos_from (g->data, 1, 0, offset);

  g->error = chrono_diagnostic_new (code, FALSE, pos, NULL, hint, "%s", message);
}

/* The raw text of a key, cut to about 60 bytes on a character boundary. */
static char *
key_text (const guchar *data,
          gsize         offset,
          gsize         length)
{
  gsize n = length;

  if (n > 60)
    {
      n = 60;
      while (n > 0 && (data[offset + n] & 0xC0) == 0x80)
        n--;
      return g_strdup_printf ("%.*s…", (int) n, (const char *) data + offset);
    }
  return g_strndup ((const char *) data + offset, n);
}

static inline gboolean
is_ident_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$';
}

/* Validates one UTF-8 sequence at @p (data[p] >= 0x80).  Returns its
 * length, or 0 with an error. */
static gsize
check_utf8 (Guard    *g,
            gsize     p,
            gunichar *out)
{
  const guchar *d = g->data;
  guchar c = d[p];
  gsize need;
  guchar lo = 0x80, hi = 0xBF;
  gunichar ch;

  if (c >= 0xC2 && c <= 0xDF)
    {
      need = 1;
      ch = c & 0x1F;
    }
  else if (c >= 0xE0 && c <= 0xEF)
    {
      need = 2;
      ch = c & 0x0F;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      need = 3;
      ch = c & 0x07;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    }
  else
    {
      if (c == 0xC0 || c == 0xC1)
        guard_error (g, p, CHRONO_ERROR_ENCODING, _("save the file as UTF-8"),
                     _("invalid UTF-8: overlong encoding (byte 0x%02X)"), c);
      else if (c < 0xC0)
        guard_error (g, p, CHRONO_ERROR_ENCODING, _("save the file as UTF-8"),
                     _("invalid UTF-8: unexpected continuation byte 0x%02X"), c);
      else
        guard_error (g, p, CHRONO_ERROR_ENCODING, _("save the file as UTF-8"),
                     _("invalid UTF-8: byte 0x%02X cannot occur in UTF-8"), c);
      return 0;
    }

  for (gsize k = 1; k <= need; k++)
    {
      guchar cc;

      if (p + k >= g->length)
        {
          guard_error (g, p, CHRONO_ERROR_ENCODING, _("save the file as UTF-8"),
                       _("invalid UTF-8: the file ends inside a multi-byte character"));
          return 0;
        }
      cc = d[p + k];
      if (k == 1 ? (cc < lo || cc > hi) : (cc < 0x80 || cc > 0xBF))
        {
          if (k == 1 && cc >= 0x80 && cc <= 0xBF && (c == 0xE0 || c == 0xF0))
            guard_error (g, p, CHRONO_ERROR_ENCODING, _("save the file as UTF-8"),
                         _("invalid UTF-8: overlong encoding (bytes 0x%02X 0x%02X)"), c, cc);
          else if (k == 1 && cc >= 0x80 && cc <= 0xBF && c == 0xED)
            guard_error (g, p, CHRONO_ERROR_ENCODING, _("save the file as UTF-8"),
                         _("invalid UTF-8: an encoded surrogate (bytes 0x%02X 0x%02X)"), c, cc);
          else if (k == 1 && cc >= 0x80 && cc <= 0xBF)
            guard_error (g, p, CHRONO_ERROR_ENCODING, _("save the file as UTF-8"),
                         _("invalid UTF-8: a character beyond U+10FFFF"));
          else
            guard_error (g, p, CHRONO_ERROR_ENCODING, _("save the file as UTF-8"),
                         _("invalid UTF-8: byte 0x%02X is not followed by a continuation byte"), c);
          return 0;
        }
      ch = (ch << 6) | (cc & 0x3F);
    }

  if (out != NULL)
    *out = ch;

  return need + 1;
}

static inline guint32
fnv1a (guint32       h,
       const guchar *bytes,
       gsize         n)
{
  for (gsize i = 0; i < n; i++)
    {
      h ^= bytes[i];
      h *= 16777619u;
    }
  return h;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const guchar *data,
           gsize         length,
           gsize         p,
           gunichar     *out)
{
  gunichar v = 0;

  if (p + 4 > length)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      int h = hex_value (data[p + i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | (gunichar) h;
    }
  *out = v;
  return TRUE;
}

/* Whether any byte of @w is zero, in its high bit (bytes above a zero
 * byte may be flagged too: only "none" is exact, which is what is
 * asked). */
static inline guint64
has_zero_byte (guint64 w)
{
  return (w - G_GUINT64_CONSTANT (0x0101010101010101)) & ~w;
}

/* Scans a string whose opening quote is at g->p; leaves g->p after the
 * closing quote.  For keys, computes the FNV-1a hash of the decoded text. */
static gboolean
scan_string (Guard    *g,
             guint32  *hash,
             gboolean *escaped)
{
  const guchar *d = g->data;
  gsize start = g->p;
  gsize p = start + 1;
  guint32 h = 2166136261u;
  gboolean esc = FALSE;

  for (;;)
    {
      gsize run = p;

      /* Eight bytes at a time while none is a quote, a backslash, a
       * control or a byte of a multibyte character: most of a file's
       * bytes are in such runs. */
      while (p + 8 <= g->length)
        {
          guint64 w, special;

          memcpy (&w, d + p, 8);
          special = (has_zero_byte (w ^ G_GUINT64_CONSTANT (0x2222222222222222)) |
                     has_zero_byte (w ^ G_GUINT64_CONSTANT (0x5C5C5C5C5C5C5C5C)) |
                     ((w - G_GUINT64_CONSTANT (0x2020202020202020)) & ~w) | w) &
                    G_GUINT64_CONSTANT (0x8080808080808080);
          if (special != 0)
            break;
          p += 8;
        }
      while (p < g->length && string_class[d[p]] == CC_PLAIN)
        p++;
      if (hash != NULL)
        h = fnv1a (h, d + run, p - run);

      if (p >= g->length)
        {
          guard_error (g, start, CHRONO_ERROR_SYNTAX, _("add the closing “\"”"),
                       _("unterminated string"));
          return FALSE;
        }

      switch (string_class[d[p]])
        {
        case CC_QUOTE:
          if (p - start - 1 > g->limits->string_bytes)
            {
              g_autofree char *limit = g_format_size_full (g->limits->string_bytes, G_FORMAT_SIZE_IEC_UNITS);

              guard_error (g, start, CHRONO_ERROR_LIMIT, _("shorten it, or link to the text instead"),
                           _("a string longer than %s"), limit);
              return FALSE;
            }
          g->p = p + 1;
          if (hash != NULL)
            *hash = h;
          if (escaped != NULL)
            *escaped = esc;
          return TRUE;

        case CC_CONTROL:
          if (d[p] == '\n' || d[p] == '\r')
            guard_error (g, p, CHRONO_ERROR_SYNTAX,
                         _("close the string with “\"” or write a line break as \\n"),
                         _("unterminated string: strings cannot span lines"));
          else
            guard_error (g, p, CHRONO_ERROR_SYNTAX, _("write it as an escape such as \\t or \\u0001"),
                         _("control character U+%04X in a string"), d[p]);
          return FALSE;

        case CC_HIGH:
          {
            gsize n = check_utf8 (g, p, NULL);

            if (n == 0)
              return FALSE;
            if (hash != NULL)
              h = fnv1a (h, d + p, n);
            p += n;
          }
          break;

        case CC_BACKSLASH:
          {
            guchar e = p + 1 < g->length ? d[p + 1] : 0;
            guchar single;

            esc = TRUE;
            switch (e)
              {
              case '"': single = '"'; break;
              case '\\': single = '\\'; break;
              case '/': single = '/'; break;
              case 'b': single = '\b'; break;
              case 'f': single = '\f'; break;
              case 'n': single = '\n'; break;
              case 'r': single = '\r'; break;
              case 't': single = '\t'; break;
              case 'u': single = 0; break;
              default:
                if (e >= 0x20 && e < 0x7F)
                  guard_error (g, p, CHRONO_ERROR_SYNTAX,
                               _("valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
                               _("invalid escape “\\%c” in a string"), e);
                else
                  guard_error (g, p, CHRONO_ERROR_SYNTAX,
                               _("valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
                               _("invalid escape in a string"));
                return FALSE;
              }

            if (e != 'u')
              {
                if (hash != NULL)
                  h = fnv1a (h, &single, 1);
                p += 2;
              }
            else
              {
                gunichar u, lo;
                char buf[6];
                gsize n;

                if (!read_hex4 (d, g->length, p + 2, &u))
                  {
                    guard_error (g, p, CHRONO_ERROR_SYNTAX, _("write \\u and four hexadecimal digits, as in \\u00e9"),
                                 _("invalid \\u escape in a string"));
                    return FALSE;
                  }
                if (u == 0)
                  {
                    guard_error (g, p, CHRONO_ERROR_ENCODING, _("remove it: strings cannot contain NUL"),
                                 _("the escape \\u0000 (NUL) is not allowed"));
                    return FALSE;
                  }
                if (u >= 0xDC00 && u <= 0xDFFF)
                  {
                    guard_error (g, p, CHRONO_ERROR_ENCODING,
                                 _("a low surrogate must follow a high surrogate \\uD800–\\uDBFF"),
                                 _("lone surrogate “\\u%04x”"), u);
                    return FALSE;
                  }
                if (u >= 0xD800 && u <= 0xDBFF)
                  {
                    if (p + 12 > g->length || d[p + 6] != '\\' || d[p + 7] != 'u' ||
                        !read_hex4 (d, g->length, p + 8, &lo) ||
                        lo < 0xDC00 || lo > 0xDFFF)
                      {
                        guard_error (g, p, CHRONO_ERROR_ENCODING,
                                     _("a high surrogate must be followed by a low surrogate \\uDC00–\\uDFFF"),
                                     _("lone surrogate “\\u%04x”"), u);
                        return FALSE;
                      }
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    p += 12;
                  }
                else
                  p += 6;

                if (hash != NULL)
                  {
                    n = g_unichar_to_utf8 (u, buf);
                    h = fnv1a (h, (const guchar *) buf, n);
                  }
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* Decodes the next character of a raw string body ending before @end.
 * Checked text decodes exactly; anything else never reads past @end. */
static gunichar
next_char (const guchar *d,
           gsize         end,
           gsize        *p)
{
  gunichar u, lo;

  if (d[*p] != '\\' || *p + 1 >= end)
    {
      gunichar c = g_utf8_get_char_validated ((const char *) d + *p, (gssize) (end - *p));

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return d[(*p)++];
      *p = (gsize) (g_utf8_next_char ((const char *) d + *p) - (const char *) d);
      return c;
    }

  switch (d[*p + 1])
    {
    case 'b': *p += 2; return '\b';
    case 'f': *p += 2; return '\f';
    case 'n': *p += 2; return '\n';
    case 'r': *p += 2; return '\r';
    case 't': *p += 2; return '\t';
    case 'u':
      if (!read_hex4 (d, end, *p + 2, &u))
        {
          *p += 2;
          return 'u';
        }
      *p += 6;
      if (u >= 0xD800 && u <= 0xDBFF && *p + 6 <= end && d[*p] == '\\' && d[*p + 1] == 'u' &&
          read_hex4 (d, end, *p + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF)
        {
          *p += 6;
          u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        }
      return u;
    default:
      u = d[*p + 1];
      *p += 2;
      return u;
    }
}

static gboolean
keys_equal (const guchar *d,
            const Key    *a,
            const Key    *b)
{
  gsize pa, pb, ea, eb;

  if (!a->escaped && !b->escaped)
    return a->length == b->length && memcmp (d + a->offset, d + b->offset, a->length) == 0;

  pa = a->offset;
  pb = b->offset;
  ea = a->offset + a->length;
  eb = b->offset + b->length;
  while (pa < ea && pb < eb)
    {
      if (next_char (d, ea, &pa) != next_char (d, eb, &pb))
        return FALSE;
    }
  return pa == ea && pb == eb;
}

static void
table_insert (Frame  *f,
              GArray *keys,
              guint   index)
{
  const Key *k = &g_array_index (keys, Key, index);
  guint i = k->hash & f->table_mask;

  while (f->table[i] != 0)
    i = (i + 1) & f->table_mask;
  f->table[i] = index + 1;
}

/* The keyed hash of the decoded text of @k: equal keys, however they
 * are escaped, hash alike. */
static guint32
keyed_hash (const guchar *d,
            const Key    *k)
{
  g_autoptr(GString) decoded = NULL;
  gsize p, end;
  guint64 h;

  if (!k->escaped)
    {
      h = _chrono_hash_bytes (d + k->offset, k->length);
      return (guint32) (h ^ (h >> 32));
    }

  decoded = g_string_sized_new (k->length);
  p = k->offset;
  end = k->offset + k->length;
  while (p < end)
    g_string_append_unichar (decoded, next_char (d, end, &p));
  h = _chrono_hash_bytes (decoded->str, decoded->len);

  return (guint32) (h ^ (h >> 32));
}

/* (Re)builds @f's table with @size slots.  @rehash: the keys still carry
 * the linear phase's FNV-1a hashes, which are replaced by keyed ones. */
static void
table_rebuild (Frame        *f,
               GArray       *keys,
               const guchar *d,
               guint         size,
               gboolean      rehash)
{
  g_free (f->table);
  f->table = g_new0 (guint32, size);
  f->table_mask = size - 1;
  for (guint i = f->key_base; i < keys->len; i++)
    {
      if (rehash)
        {
          Key *k = &g_array_index (keys, Key, i);

          k->hash = keyed_hash (d, k);
        }
      table_insert (f, keys, i);
    }
}

/* Records the key just scanned (quotes at @start and g->p - 1); returns
 * the index of an earlier equal key of the same object, or -1. */
static int
add_key (Guard    *g,
         Frame    *f,
         gsize     start,
         guint32   hash,
         gboolean  escaped)
{
  Key key;
  const Key *keys;
  guint n;

  if (g->keys == NULL)
    g->keys = g_array_sized_new (FALSE, FALSE, sizeof (Key), 64);

  key.hash = hash;
  key.offset = start + 1;
  key.length = (guint32) (g->p - 1 - key.offset);
  key.escaped = escaped;

  keys = (const Key *) (gpointer) g->keys->data;
  n = g->keys->len - f->key_base;

  if (f->table == NULL)
    {
      for (guint i = f->key_base; i < g->keys->len; i++)
        {
          if (keys[i].hash == hash && keys_equal (g->data, &keys[i], &key))
            return (int) i;
        }
    }
  else
    {
      guint i;

      hash = key.hash = keyed_hash (g->data, &key);
      i = hash & f->table_mask;
      while (f->table[i] != 0)
        {
          const Key *other = &keys[f->table[i] - 1];

          if (other->hash == hash && keys_equal (g->data, other, &key))
            return (int) (f->table[i] - 1);
          i = (i + 1) & f->table_mask;
        }
    }

  g_array_append_val (g->keys, key);
  n++;

  if (n > LINEAR_KEYS)
    {
      if (f->table == NULL)
        table_rebuild (f, g->keys, g->data, 64, TRUE);
      else if (n * 2 > f->table_mask + 1)
        table_rebuild (f, g->keys, g->data, (f->table_mask + 1) * 2, FALSE);
      else
        table_insert (f, g->keys, g->keys->len - 1);
    }

  return -1;
}

/* The text of the number-like token at @start, for messages. */
static char *
number_text (const guchar *d,
             gsize         length,
             gsize         start)
{
  gsize e = start;

  while (e < length && e - start < 40 &&
         (is_ident_char (d[e]) || d[e] == '.' || d[e] == '+' || d[e] == '-'))
    e++;
  return g_strndup ((const char *) d + start, e - start);
}

/* Scans a number starting at g->p ("-" or a digit). */
static gboolean
scan_number (Guard *g)
{
  const guchar *d = g->data;
  gsize len = g->length;
  gsize start = g->p;
  gsize p = start;
  gsize int_start, int_digits = 0, frac_zeros = 0;
  gboolean is_float = FALSE, nonzero_int = FALSE, nonzero_frac = FALSE;
  gint64 exp = 0;

  if (d[p] == '-')
    {
      p++;
      if (p < len && d[p] == 'I')
        {
          guard_error (g, start, CHRONO_ERROR_NUMBER, _("use null, or leave the member out"),
                       _("Infinity is not a JSON number"));
          return FALSE;
        }
      if (p >= len || !g_ascii_isdigit (d[p]))
        {
          guard_error (g, start, CHRONO_ERROR_NUMBER, _("write a digit after the minus sign"),
                       _("a minus sign must be followed by a digit"));
          return FALSE;
        }
    }

  int_start = p;
  if (d[p] == '0')
    {
      p++;
      if (p < len && (d[p] == 'x' || d[p] == 'X'))
        {
          g_autofree char *text = number_text (d, len, start);

          guard_error (g, start, CHRONO_ERROR_NUMBER, _("write the number in decimal"),
                       _("hexadecimal numbers such as “%s” are not allowed in JSON"), text);
          return FALSE;
        }
      if (p < len && g_ascii_isdigit (d[p]))
        {
          g_autofree char *text = number_text (d, len, start);

          guard_error (g, start, CHRONO_ERROR_NUMBER, _("remove the leading zeros"),
                       _("leading zeros are not allowed in “%s”; JSON has no octal numbers"), text);
          return FALSE;
        }
    }
  else
    {
      while (p < len && g_ascii_isdigit (d[p]))
        p++;
      int_digits = p - int_start;
      nonzero_int = TRUE;
    }

  if (p < len && d[p] == '.')
    {
      gsize frac_start;

      is_float = TRUE;
      p++;
      frac_start = p;
      if (p >= len || !g_ascii_isdigit (d[p]))
        {
          guard_error (g, p, CHRONO_ERROR_NUMBER, _("write a digit after the decimal point, as in 1.0"),
                       _("a decimal point must be followed by a digit"));
          return FALSE;
        }
      while (p < len && d[p] == '0')
        p++;
      frac_zeros = p - frac_start;
      if (p < len && g_ascii_isdigit (d[p]))
        nonzero_frac = TRUE;
      while (p < len && g_ascii_isdigit (d[p]))
        p++;
    }

  if (p < len && (d[p] == 'e' || d[p] == 'E'))
    {
      gboolean neg = FALSE;

      is_float = TRUE;
      p++;
      if (p < len && (d[p] == '+' || d[p] == '-'))
        {
          neg = d[p] == '-';
          p++;
        }
      if (p >= len || !g_ascii_isdigit (d[p]))
        {
          guard_error (g, p, CHRONO_ERROR_NUMBER, _("write digits after the exponent, as in 1e6"),
                       _("an exponent must have digits"));
          return FALSE;
        }
      while (p < len && g_ascii_isdigit (d[p]))
        {
          if (exp < 100000)
            exp = exp * 10 + (d[p] - '0');
          p++;
        }
      if (neg)
        exp = -exp;
    }

  if (p < len && (is_ident_char (d[p]) || d[p] == '.'))
    {
      g_autofree char *text = NULL;
      gsize e = p;

      while (e < len && (is_ident_char (d[e]) || d[e] == '.' || d[e] == '+' || d[e] == '-'))
        e++;
      text = g_strndup ((const char *) d + start, MIN (e - start, 40));
      guard_error (g, start, CHRONO_ERROR_NUMBER, _("write a plain decimal number, or a string in double quotes"),
                   _("“%s” is not a valid number"), text);
      return FALSE;
    }

  if (!is_float)
    {
      static const char limit[] = "9007199254740992";

      if (int_digits > 16 ||
          (int_digits == 16 && memcmp (d + int_start, limit, 16) > 0))
        {
          g_autofree char *text = number_text (d, len, start);

          guard_error (g, start, CHRONO_ERROR_NUMBER,
                       _("integers must lie within ±9007199254740992 (2^53); write an approximate value with an exponent, as in 1.5e20"),
                       _("the integer %s is too large"), text);
          return FALSE;
        }
    }
  else
    {
      gint64 e10;
      gboolean overflow = FALSE;

      if (nonzero_int)
        e10 = (gint64) int_digits - 1 + exp;
      else if (nonzero_frac)
        e10 = -(gint64) frac_zeros - 1 + exp;
      else
        e10 = G_MININT64; /* zero */

      if (e10 > 308)
        overflow = TRUE;
      else if (e10 == 308)
        {
          g_autofree char *copy = g_strndup ((const char *) d + start, p - start);
          double v = g_ascii_strtod (copy, NULL);

          overflow = !isfinite (v);
        }

      if (overflow)
        {
          g_autofree char *text = number_text (d, len, start);

          guard_error (g, start, CHRONO_ERROR_NUMBER, _("the largest number is about 1.8e308"),
                       _("the number %s is too large"), text);
          return FALSE;
        }
    }

  g->p = p;
  return TRUE;
}

/* Reports the character at g->p, which cannot start a value. */
static void
bad_value (Guard    *g,
           gboolean  at_root)
{
  const guchar *d = g->data;
  gsize p = g->p;
  guchar c = d[p];

  if (c == '\'')
    guard_error (g, p, CHRONO_ERROR_SYNTAX, _("replace the single quotes with double quotes"),
                 _("strings must be in double quotes, not single quotes"));
  else if (c == '+')
    guard_error (g, p, CHRONO_ERROR_NUMBER, _("remove the “+”"),
                 _("a number cannot start with “+”"));
  else if (c == '.')
    guard_error (g, p, CHRONO_ERROR_NUMBER, _("write a 0 before the decimal point, as in 0.5"),
                 _("a number cannot start with a decimal point"));
  else if (g_ascii_isalpha (c) || c == '_' || c == '$')
    {
      g_autofree char *word = NULL;
      gsize e = p;
      gsize q;

      while (e < g->length && is_ident_char (d[e]))
        e++;
      word = g_strndup ((const char *) d + p, MIN (e - p, 40));
      q = e;
      while (q < g->length && (d[q] == ' ' || d[q] == '\t'))
        q++;

      if (strcmp (word, "NaN") == 0 || strcmp (word, "Infinity") == 0)
        guard_error (g, p, CHRONO_ERROR_NUMBER, _("use null, or leave the member out"),
                     _("%s is not a JSON number"), word);
      else if (at_root && (strcmp (word, "var") == 0 || strcmp (word, "let") == 0 ||
                           strcmp (word, "const") == 0 || (q < g->length && d[q] == '=')))
        guard_error (g, p, CHRONO_ERROR_SYNTAX, _("remove everything before the first “{” and after the last “}”"),
                     _("this is JavaScript (“%s …”), not JSON"), word);
      else if (g_ascii_strcasecmp (word, "true") == 0 || g_ascii_strcasecmp (word, "false") == 0 ||
               g_ascii_strcasecmp (word, "null") == 0 || strcmp (word, "None") == 0 ||
               strcmp (word, "undefined") == 0)
        guard_error (g, p, CHRONO_ERROR_SYNTAX, _("the JSON literals are true, false and null, in lower case"),
                     _("“%s” is not a JSON value"), word);
      else
        guard_error (g, p, CHRONO_ERROR_SYNTAX, _("put strings in double quotes"),
                     _("unexpected “%s”"), word);
    }
  else if (c >= 0x80)
    {
      gunichar ch;

      if (check_utf8 (g, p, &ch) == 0)
        return;
      if (ch == 0x201C || ch == 0x201D || ch == 0x2018 || ch == 0x2019)
        guard_error (g, p, CHRONO_ERROR_SYNTAX, _("use straight double quotes (\")"),
                     _("curly quotes are not JSON string quotes"));
      else
        {
          char buf[8] = { 0 };

          g_unichar_to_utf8 (ch, buf);
          guard_error (g, p, CHRONO_ERROR_SYNTAX, NULL, _("unexpected character “%s” (U+%04X)"), buf, ch);
        }
    }
  else if (c < 0x20 || c == 0x7F)
    guard_error (g, p, CHRONO_ERROR_SYNTAX, _("remove it"),
                 _("unexpected control character U+%04X"), c);
  else if (c == '}' || c == ']' || c == ',' || c == ':')
    guard_error (g, p, CHRONO_ERROR_SYNTAX, NULL,
                 _("expected a value, found “%c”"), c);
  else
    guard_error (g, p, CHRONO_ERROR_SYNTAX, NULL,
                 _("unexpected character “%c”"), c);
}

/* Reports the character at g->p where a member name was expected. */
static void
bad_key (Guard *g)
{
  guchar c = g->data[g->p];

  if (c == '\'')
    guard_error (g, g->p, CHRONO_ERROR_SYNTAX, _("replace the single quotes with double quotes"),
                 _("member names must be in double quotes, not single quotes"));
  else if (g_ascii_isalpha (c) || c == '_' || c == '$')
    guard_error (g, g->p, CHRONO_ERROR_SYNTAX, _("put the name in double quotes"),
                 _("member names must be in double quotes"));
  else if (c >= 0x20 && c < 0x7F)
    guard_error (g, g->p, CHRONO_ERROR_SYNTAX, NULL,
                 _("expected a member name in double quotes, found “%c”"), c);
  else
    bad_value (g, FALSE);
}

static gboolean
literal (Guard      *g,
         const char *word)
{
  gsize n = strlen (word);

  if (g->p + n <= g->length && memcmp (g->data + g->p, word, n) == 0 &&
      (g->p + n == g->length || !is_ident_char (g->data[g->p + n])))
    {
      g->p += n;
      return TRUE;
    }

  bad_value (g, FALSE);
  return FALSE;
}

/* The position of @offset on the current line, counting characters from
 * the last position asked for, so that many items on one long line
 * still cost linear time. */
static ChronoPos
item_pos (Guard *g,
          gsize  offset)
{
  ChronoPos pos;

  if (g->cache_line != g->line || g->cache_offset < g->line_start || g->cache_offset > offset)
    {
      g->cache_line = g->line;
      g->cache_offset = g->line_start;
      g->cache_column = 1;
    }
  g->cache_column += count_chars (g->data, g->cache_offset, offset);
  g->cache_offset = offset;

  pos.line = g->line;
  pos.column = g->cache_column;
  return pos;
}

static gboolean
push (Guard    *g,
      guint     max_depth,
      gboolean  is_object)
{
  Frame *f;

  if (g->depth >= max_depth)
    {
      guard_error (g, g->p, CHRONO_ERROR_NESTING, _("flatten the data"),
                   _("nested deeper than %u levels"), max_depth);
      return FALSE;
    }

  f = &g->frames[g->depth++];
  f->offset = g->p;
  f->line = g->line;
  f->line_start = g->line_start;
  f->is_object = is_object;
  f->is_items = !is_object && g->depth == 2 && g->items != NULL &&
                g->frames[0].is_object && g->root_key_is_items;
  if (f->is_items)
    g->items_open = f->offset;
  f->key_base = g->keys ? g->keys->len : 0;
  f->n_members = 0;
  g_clear_pointer (&f->table, g_free);
  f->table_mask = 0;
  g->p++;

  return TRUE;
}

static void
pop (Guard *g)
{
  Frame *f = &g->frames[--g->depth];

  if (f->is_items)
    g->items_close = g->p;
  if (f->is_object && g->keys != NULL)
    g_array_set_size (g->keys, f->key_base);
  g_clear_pointer (&f->table, g_free);
  g->p++;
}

static void
unexpected_after (Guard *g)
{
  const Frame *f = &g->frames[g->depth - 1];
  guchar c = g->data[g->p];
  ChronoPos open = pos_from (g->data, f->line, f->line_start, f->offset);

  if ((c == '}' && !f->is_object) || (c == ']' && f->is_object))
    guard_error (g, g->p, CHRONO_ERROR_SYNTAX, NULL,
                 _("“%c” does not close the “%c” at line %u, column %u"),
                 c, f->is_object ? '{' : '[', open.line, open.column);
  else if (c == '"' || c == '{' || c == '[' || c == '-' || g_ascii_isalnum (c))
    guard_error (g, g->p, CHRONO_ERROR_SYNTAX, _("separate them with “,”"),
                 f->is_object ? _("missing comma between members")
                              : _("missing comma between values"));
  else if (c == '\'')
    bad_value (g, FALSE);
  else if (c == ':')
    guard_error (g, g->p, CHRONO_ERROR_SYNTAX, NULL, _("unexpected “:”"));
  else if (c >= 0x80 || c < 0x20)
    bad_value (g, FALSE);
  else
    guard_error (g, g->p, CHRONO_ERROR_SYNTAX, NULL,
                 f->is_object ? _("expected “,” or “}”, found “%c”")
                              : _("expected “,” or “]”, found “%c”"), c);
}

/*
 * Skips whitespace from g->p, counting lines.  Locals instead of the
 * guard's fields, and runs of spaces eight at a time, so that a file of
 * hundreds of megabytes of blanks is refused in a fraction of a second.
 */
static void
skip_whitespace (Guard *g)
{
  const guchar *d = g->data;
  gsize length = g->length;
  gsize p = g->p;
  gsize line_start = g->line_start;
  guint line = g->line;

  while (p < length)
    {
      guchar c = d[p];

      if (c == ' ')
        {
          guint64 word;

          p++;
          while (p + 8 <= length)
            {
              memcpy (&word, d + p, 8);
              if (word != G_GUINT64_CONSTANT (0x2020202020202020))
                break;
              p += 8;
            }
        }
      else if (c == '\n')
        {
          line++;
          line_start = ++p;
        }
      else if (c == '\t' || c == '\r')
        p++;
      else
        break;
    }

  g->p = p;
  g->line = line;
  g->line_start = line_start;
}

gsize
chrono_json_guard_skip_bom (const char *data,
                            gsize       length)
{
  if (data != NULL && length >= 3 &&
      (guchar) data[0] == 0xEF && (guchar) data[1] == 0xBB && (guchar) data[2] == 0xBF)
    return 3;
  return 0;
}

/**
 * chrono_json_guard_check:
 * @data: the bytes of the file
 * @length: their number
 * @max_depth: the deepest nesting allowed (the root container is 1)
 *
 * Returns: (transfer full) (nullable): NULL when @data is acceptable,
 *   else the first problem
 */
ChronoDiagnostic *
chrono_json_guard_check (const char *data,
                         gsize       length,
                         guint       max_depth)
{
  return chrono_json_guard_check_full (data, length, max_depth, NULL, NULL);
}

/**
 * chrono_json_guard_check_full:
 * @items_member: (nullable): the name of a top-level member ("events")
 * @items: (nullable): a #GArray of #ChronoPos to append to
 *
 * Like chrono_json_guard_check(), and when the root is an object whose
 * member @items_member is an array, appends the position of each of its
 * elements to @items (those before an error, if there is one).
 *
 * Returns: (transfer full) (nullable): NULL when @data is acceptable,
 *   else the first problem
 */
ChronoDiagnostic *
chrono_json_guard_check_full (const char *data,
                              gsize       length,
                              guint       max_depth,
                              const char *items_member,
                              GArray     *items)
{
  ChronoJsonItems found = { items, NULL, 0, 0, 0 };

  return chrono_json_guard_check_items (data, length, max_depth, items_member,
                                        items != NULL ? &found : NULL);
}

/**
 * chrono_json_guard_check_items:
 * @items_member: (nullable): the name of a top-level member ("events")
 * @items: (nullable): where to put what is found of that array
 *
 * Like chrono_json_guard_check_full(), and also gives the byte offset of
 * each element and of the array's brackets, so that a reader can take
 * the elements one by one without parsing the whole file into a tree.
 *
 * Returns: (transfer full) (nullable): NULL when @data is acceptable,
 *   else the first problem
 */
ChronoDiagnostic *
chrono_json_guard_check_items (const char      *data,
                               gsize            length,
                               guint            max_depth,
                               const char      *items_member,
                               ChronoJsonItems *items)
{
  Guard g = { 0 };
  State state = S_VALUE;
  gsize bom;
  gsize trailing_comma = 0;
  gsize root_end = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (max_depth > 0 && max_depth <= 4096, NULL);

  init_classes ();

  bom = chrono_json_guard_skip_bom (data, length);
  g.data = (const guchar *) data;
  g.length = length;
  g.p = bom;
  g.line = 1;
  g.line_start = bom; /* the BOM is no column */
  g.limits = _chrono_limits ();
  g.frames = g_new0 (Frame, max_depth);
  if (items_member != NULL && items != NULL)
    {
      g_return_val_if_fail (g_array_get_element_size (items->positions) == sizeof (ChronoPos), NULL);
      g_return_val_if_fail (items->offsets == NULL || g_array_get_element_size (items->offsets) == sizeof (gsize), NULL);
      g.items_member = items_member;
      g.items = items->positions;
      g.item_offsets = items->offsets;
    }

  if (length == 0)
    {
      guard_error (&g, 0, CHRONO_ERROR_EMPTY, _("a timeline file is a JSON object: {\"chronoscope\": 1, …}"),
                   _("the file is empty"));
      goto out;
    }

  for (;;)
    {
      guchar c;

      /* Whitespace, and comments which are not. */
      skip_whitespace (&g);

      if (g.p >= length)
        break;

      c = g.data[g.p];

      if (c == '/' || c == '#')
        {
          if (c == '#' || (g.p + 1 < length && (g.data[g.p + 1] == '/' || g.data[g.p + 1] == '*')))
            {
              guard_error (&g, g.p, CHRONO_ERROR_SYNTAX, _("remove the comment"),
                           _("comments are not allowed in JSON"));
              goto out;
            }
        }

      switch (state)
        {
        case S_FIRST_VALUE:
          if (c == ']')
            {
              pop (&g);
              state = g.depth == 0 ? S_END : S_AFTER;
              break;
            }
          G_GNUC_FALLTHROUGH;
        case S_COMMA_VALUE:
          if (state == S_COMMA_VALUE && c == ']')
            {
              guard_error (&g, trailing_comma, CHRONO_ERROR_SYNTAX, _("remove the comma before “]”"),
                           _("trailing comma"));
              goto out;
            }
          G_GNUC_FALLTHROUGH;
        case S_VALUE:
          /* json-glib keeps 80 to 300 bytes a value: the cap bounds the
           * memory of its tree whatever the file holds. */
          if (++g.n_values > g.limits->json_values)
            {
              guard_error (&g, g.p, CHRONO_ERROR_LIMIT, _("split the timeline into several files"),
                           _("more than %u JSON values in one file"), g.limits->json_values);
              goto out;
            }
          if (g.depth == 2 && g.frames[1].is_items && state != S_VALUE)
            {
              ChronoPos pos;

              if (g.items->len >= g.limits->events)
                {
                  guard_error (&g, g.p, CHRONO_ERROR_LIMIT, _("split the timeline into several files"),
                               _("more than %u elements in “%s”"), g.limits->events, g.items_member);
                  goto out;
                }
              pos = item_pos (&g, g.p);
              g_array_append_val (g.items, pos);
              if (g.item_offsets != NULL)
                g_array_append_val (g.item_offsets, g.p);
              if (items != NULL)
                g_atomic_int_set (&items->ready, (gint) g.items->len);
            }
          switch (c)
            {
            case '{':
              if (!push (&g, max_depth, TRUE))
                goto out;
              state = S_FIRST_KEY;
              break;
            case '[':
              if (!push (&g, max_depth, FALSE))
                goto out;
              state = S_FIRST_VALUE;
              break;
            case '"':
              if (!scan_string (&g, NULL, NULL))
                goto out;
              state = g.depth == 0 ? S_END : S_AFTER;
              break;
            case '-': case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
              if (!scan_number (&g))
                goto out;
              state = g.depth == 0 ? S_END : S_AFTER;
              break;
            case 't':
              if (!literal (&g, "true"))
                goto out;
              state = g.depth == 0 ? S_END : S_AFTER;
              break;
            case 'f':
              if (!literal (&g, "false"))
                goto out;
              state = g.depth == 0 ? S_END : S_AFTER;
              break;
            case 'n':
              if (!literal (&g, "null"))
                goto out;
              state = g.depth == 0 ? S_END : S_AFTER;
              break;
            default:
              bad_value (&g, g.depth == 0);
              goto out;
            }
          break;

        case S_FIRST_KEY:
        case S_KEY:
          if (c == '}' && state == S_FIRST_KEY)
            {
              pop (&g);
              state = g.depth == 0 ? S_END : S_AFTER;
              break;
            }
          if (c == '}')
            {
              guard_error (&g, trailing_comma, CHRONO_ERROR_SYNTAX, _("remove the comma before “}”"),
                           _("trailing comma"));
              goto out;
            }
          if (c != '"')
            {
              bad_key (&g);
              goto out;
            }
          else
            {
              Frame *f = &g.frames[g.depth - 1];
              gsize key_start = g.p;
              guint32 hash = 0;
              gboolean escaped = FALSE;
              int other;

              /* json-glib's JsonObject hashes member names with
               * g_str_hash: crafted collisions make an object of n
               * members cost O(n²) there.  The cap keeps that small. */
              if (f->n_members >= CHRONO_JSON_MAX_MEMBERS)
                {
                  ChronoPos open = pos_from (g.data, f->line, f->line_start, f->offset);

                  guard_error (&g, key_start, CHRONO_ERROR_LIMIT,
                               _("split it into smaller objects, or use an array"),
                               _("the object at line %u, column %u has more than %u members"),
                               open.line, open.column, CHRONO_JSON_MAX_MEMBERS);
                  goto out;
                }
              if (!scan_string (&g, &hash, &escaped))
                goto out;
              other = add_key (&g, f, key_start, hash, escaped);
              if (g.depth == 1 && g.items != NULL)
                g.root_key_is_items = !escaped && g.p - key_start - 2 == strlen (g.items_member) &&
                                      memcmp (g.data + key_start + 1, g.items_member, g.p - key_start - 2) == 0;
              if (other >= 0)
                {
                  const Key *k = &g_array_index (g.keys, Key, other);
                  ChronoPos first = pos_from (g.data, f->line, f->line_start, k->offset - 1);
                  g_autofree char *name = key_text (g.data, key_start + 1, g.p - key_start - 2);

                  guard_error (&g, key_start, CHRONO_ERROR_DUPLICATE_KEY, _("remove one of them"),
                               _("duplicate member “%s”: it already appears at line %u, column %u"),
                               name, first.line, first.column);
                  goto out;
                }
              f->n_members++;
              state = S_COLON;
            }
          break;

        case S_COLON:
          if (c != ':')
            {
              if (c == '=')
                guard_error (&g, g.p, CHRONO_ERROR_SYNTAX, _("write “:” between a name and its value"),
                             _("expected “:”, found “=”"));
              else
                guard_error (&g, g.p, CHRONO_ERROR_SYNTAX, _("write “:” between a name and its value"),
                             _("expected “:” after the member name"));
              goto out;
            }
          g.p++;
          state = S_VALUE;
          break;

        case S_AFTER:
          {
            const Frame *f = &g.frames[g.depth - 1];

            if (c == ',')
              {
                trailing_comma = g.p;
                g.p++;
                state = f->is_object ? S_KEY : S_COMMA_VALUE;
              }
            else if ((c == '}' && f->is_object) || (c == ']' && !f->is_object))
              {
                pop (&g);
                state = g.depth == 0 ? S_END : S_AFTER;
              }
            else
              {
                unexpected_after (&g);
                goto out;
              }
          }
          break;

        case S_END:
          {
            /* Anything after the root: JSON Lines, several values, junk. */
            gboolean new_line = FALSE;
            gsize q = g.p + 1;

            for (gsize i = root_end; i < g.p; i++)
              new_line |= g.data[i] == '\n';
            while (q < length && g_ascii_isspace (g.data[q]))
              q++;

            if (c == ';' && q >= length)
              guard_error (&g, g.p, CHRONO_ERROR_SYNTAX, _("remove the “;”: JSON is not JavaScript"),
                           _("unexpected “;” after the JSON value"));
            else if (new_line && (c == '{' || c == '['))
              guard_error (&g, g.p, CHRONO_ERROR_SYNTAX,
                           _("a file holds one JSON value: put the values in an array, or keep one"),
                           _("a second JSON value (JSON Lines are not supported)"));
            else if (c == '{' || c == '[' || c == '"' || c == '-' || g_ascii_isdigit (c))
              guard_error (&g, g.p, CHRONO_ERROR_SYNTAX,
                           _("a file holds one JSON value: put the values in an array, or keep one"),
                           _("a second JSON value after the first"));
            else if (c >= 0x80 || c < 0x20)
              bad_value (&g, FALSE);
            else
              guard_error (&g, g.p, CHRONO_ERROR_SYNTAX, _("remove what follows the JSON value"),
                           _("unexpected “%c” after the JSON value"), c);
            goto out;
          }
        }

      if (state == S_END && root_end == 0)
        root_end = g.p;
    }

  /* End of input. */
  if (state == S_END)
    goto out;

  if (g.depth == 0)
    {
      if (bom > 0 && bom == length)
        guard_error (&g, 0, CHRONO_ERROR_EMPTY, _("a timeline file is a JSON object: {\"chronoscope\": 1, …}"),
                     _("the file holds only a byte order mark"));
      else
        guard_error (&g, 0, CHRONO_ERROR_EMPTY, _("a timeline file is a JSON object: {\"chronoscope\": 1, …}"),
                     _("the file holds only whitespace"));
    }
  else
    {
      const Frame *f = &g.frames[g.depth - 1];
      ChronoPos open = pos_from (g.data, f->line, f->line_start, f->offset);

      guard_error (&g, length, CHRONO_ERROR_SYNTAX,
                   f->is_object ? _("add the missing “}”") : _("add the missing “]”"),
                   _("unexpected end of file: the “%c” at line %u, column %u is not closed"),
                   f->is_object ? '{' : '[', open.line, open.column);
    }

out:
  if (items != NULL)
    {
      items->open = g.items_open;
      items->close = g.items_close;
    }
  for (guint i = 0; i < max_depth; i++)
    g_free (g.frames[i].table);
  g_free (g.frames);
  if (g.keys != NULL)
    g_array_unref (g.keys);

  return g.error;
}

/* ------------------------------------------------------------------ */
/* Position lookup                                                     */

typedef struct
{
  const guchar *d;
  gsize         length;
  gsize         p;
  guint         line;
  gsize         line_start;
} Walk;

static void
walk_ws (Walk *w)
{
  while (w->p < w->length)
    {
      guchar c = w->d[w->p];

      if (c == '\n')
        {
          w->line++;
          w->line_start = ++w->p;
        }
      else if (c == ' ' || c == '\t' || c == '\r')
        w->p++;
      else
        break;
    }
}

static ChronoPos
walk_pos (const Walk *w,
          gsize       offset)
{
  ChronoPos pos = { w->line, count_chars (w->d, w->line_start, offset) + 1 };

  return pos;
}

/* Skips a string at w->p (the opening quote); FALSE at the end. */
static gboolean
walk_string (Walk *w)
{
  w->p++;
  while (w->p < w->length)
    {
      guchar c = w->d[w->p];

      if (c == '"')
        {
          w->p++;
          return TRUE;
        }
      if (c == '\\')
        w->p++;
      else if (c == '\n')
        return FALSE;
      w->p++;
    }
  return FALSE;
}

/* Skips one value, containers included, without recursion. */
static gboolean
walk_skip (Walk *w)
{
  gsize depth = 0;

  do
    {
      guchar c;

      walk_ws (w);
      if (w->p >= w->length)
        return FALSE;
      c = w->d[w->p];
      if (c == '"')
        {
          if (!walk_string (w))
            return FALSE;
        }
      else if (c == '{' || c == '[')
        {
          depth++;
          w->p++;
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return FALSE;
          depth--;
          w->p++;
        }
      else if (c == ',' || c == ':')
        {
          if (depth == 0)
            return FALSE;
          w->p++;
        }
      else
        {
          gsize start = w->p;

          while (w->p < w->length && (is_ident_char (w->d[w->p]) || w->d[w->p] == '-' ||
                                      w->d[w->p] == '+' || w->d[w->p] == '.'))
            w->p++;
          if (w->p == start)
            return FALSE;
        }
    }
  while (depth > 0);

  return TRUE;
}

typedef struct
{
  gsize    path_len;
  gboolean is_object;
  guint    index;
} WalkFrame;

static void
record (ChronoJsonLocation *locations,
        GHashTable         *wanted,
        const char         *path,
        ChronoPos           pos,
        ChronoPos           value_pos,
        gsize               value_offset)
{
  GArray *indices = g_hash_table_lookup (wanted, path);

  if (indices == NULL)
    return;

  for (guint i = 0; i < indices->len; i++)
    {
      ChronoJsonLocation *loc = &locations[g_array_index (indices, guint, i)];

      if (loc->found)
        continue;
      loc->found = TRUE;
      loc->pos = pos;
      loc->value_pos = value_pos;
      loc->value_offset = value_offset;
    }
}

/**
 * chrono_json_guard_locate:
 * @locations: (array length=n_locations): the paths to find; their out
 *   members are set
 *
 * Finds every path's position in one pass.
 */
void
chrono_json_guard_locate (const char         *data,
                          gsize               length,
                          ChronoJsonLocation *locations,
                          guint               n_locations)
{
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GHashTable) prefixes = NULL;
  g_autoptr(GString) path = NULL;
  g_autoptr(GArray) stack = NULL;
  Walk w = { 0 };
  ChronoPos key_pos = { 0, 0 };
  gboolean have_key = FALSE;

  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (locations != NULL || n_locations == 0);

  if (n_locations == 0)
    return;

  wanted = _chrono_str_table_new (NULL, (GDestroyNotify) g_array_unref);
  prefixes = _chrono_str_table_new (g_free, NULL);
  g_hash_table_add (prefixes, g_strdup (""));

  for (guint i = 0; i < n_locations; i++)
    {
      const char *p = locations[i].path ? locations[i].path : "";
      GArray *indices = g_hash_table_lookup (wanted, p);

      locations[i].found = FALSE;
      if (indices == NULL)
        {
          indices = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (wanted, (gpointer) p, indices);
        }
      g_array_append_val (indices, i);

      /* Every proper prefix ending before a "." or "[" must be entered. */
      for (const char *s = p; *s; s++)
        if ((*s == '.' || *s == '[') && s > p)
          g_hash_table_add (prefixes, g_strndup (p, s - p));
      g_hash_table_add (prefixes, g_strdup (p));
    }

  w.d = (const guchar *) data;
  w.length = length;
  w.p = chrono_json_guard_skip_bom (data, length);
  w.line = 1;
  w.line_start = w.p;

  path = g_string_new (NULL);
  stack = g_array_new (FALSE, FALSE, sizeof (WalkFrame));

  for (;;)
    {
      ChronoPos value_pos;
      gsize value_offset;
      guchar c;

      /* At a value whose path is in @path. */
      walk_ws (&w);
      if (w.p >= w.length)
        return;
      value_offset = w.p;
      value_pos = walk_pos (&w, w.p);
      record (locations, wanted, path->str, have_key ? key_pos : value_pos, value_pos, value_offset);
      have_key = FALSE;

      c = w.d[w.p];
      if ((c == '{' || c == '[') &&
          g_hash_table_contains (prefixes, path->str))
        {
          WalkFrame f = { path->len, c == '{', 0 };

          g_array_append_val (stack, f);
          w.p++;
          walk_ws (&w);
          if (w.p >= w.length)
            return;
          if (w.d[w.p] == (c == '{' ? '}' : ']'))
            {
              w.p++;
              g_array_set_size (stack, stack->len - 1);
              goto after_value;
            }
        }
      else
        {
          if (!walk_skip (&w))
            return;
          goto after_value;
        }

    next_member:
      {
        WalkFrame *f = &g_array_index (stack, WalkFrame, stack->len - 1);

        g_string_truncate (path, f->path_len);
        if (f->is_object)
          {
            gsize kstart;

            walk_ws (&w);
            if (w.p >= w.length || w.d[w.p] != '"')
              return;
            kstart = w.p;
            key_pos = walk_pos (&w, w.p);
            have_key = TRUE;
            if (!walk_string (&w))
              return;
            if (path->len > 0)
              g_string_append_c (path, '.');
            for (gsize q = kstart + 1; q < w.p - 1;)
              {
                gunichar u = next_char (w.d, w.p - 1, &q);

                g_string_append_unichar (path, u);
              }
            walk_ws (&w);
            if (w.p >= w.length || w.d[w.p] != ':')
              return;
            w.p++;
          }
        else
          g_string_append_printf (path, "[%u]", f->index++);
        continue;
      }

    after_value:
      for (;;)
        {
          WalkFrame *f;

          if (stack->len == 0)
            return;
          f = &g_array_index (stack, WalkFrame, stack->len - 1);
          walk_ws (&w);
          if (w.p >= w.length)
            return;
          if (w.d[w.p] == ',')
            {
              w.p++;
              goto next_member;
            }
          if (w.d[w.p] != (f->is_object ? '}' : ']'))
            return;
          w.p++;
          g_string_truncate (path, f->path_len);
          g_array_set_size (stack, stack->len - 1);
        }
    }
}

/**
 * chrono_json_guard_string_pos:
 * @value_offset: byte offset of the string's opening quote
 * @value_pos: its position
 * @decoded_offset: a byte offset in the decoded string
 *
 * Returns: the position of the raw character that decodes to
 *   @decoded_offset (strings never span lines)
 */
ChronoPos
chrono_json_guard_string_pos (const char *data,
                              gsize       length,
                              gsize       value_offset,
                              ChronoPos   value_pos,
                              gsize       decoded_offset)
{
  const guchar *d = (const guchar *) data;
  ChronoPos pos = value_pos;
  gsize p = value_offset + 1;
  gsize decoded = 0;

  g_return_val_if_fail (data != NULL, value_pos);

  if (value_offset >= length || d[value_offset] != '"')
    return value_pos;

  pos.column++;
  while (p < length && d[p] != '"' && decoded < decoded_offset)
    {
      gsize start = p;
      char buf[8];
      gunichar u = next_char (d, length, &p);

      decoded += g_unichar_to_utf8 (u, buf);
      pos.column += count_chars (d, start, p);
    }

  return pos;
}
