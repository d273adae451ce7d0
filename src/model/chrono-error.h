#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHRONO_ERROR (chrono_error_quark ())

/**
 * ChronoErrorCode:
 *
 * Every error a loader or importer reports.  Cancellation uses
 * G_IO_ERROR_CANCELLED instead.
 */
typedef enum
{
  CHRONO_ERROR_IO,             /* the file cannot be read */
  CHRONO_ERROR_TOO_LARGE,      /* the file exceeds the size cap */
  CHRONO_ERROR_EMPTY,          /* empty, whitespace-only or BOM-only */
  CHRONO_ERROR_ENCODING,       /* invalid UTF-8, \u0000, lone surrogate */
  CHRONO_ERROR_SYNTAX,         /* not strict JSON (comments, quotes, trailing data...) */
  CHRONO_ERROR_NESTING,        /* nested deeper than the limit */
  CHRONO_ERROR_NUMBER,         /* huge integer, 1e999, octal, hex */
  CHRONO_ERROR_DUPLICATE_KEY,  /* the same member twice in one object */
  CHRONO_ERROR_TYPE,           /* a member has the wrong JSON type */
  CHRONO_ERROR_UNKNOWN_MEMBER, /* a member the format does not define */
  CHRONO_ERROR_MISSING_MEMBER, /* a required member is absent */
  CHRONO_ERROR_VALUE,          /* a value out of range or malformed (colour, kind...) */
  CHRONO_ERROR_DATE,           /* a malformed or impossible date */
  CHRONO_ERROR_REFERENCE,      /* unknown lane, category, event or story id */
  CHRONO_ERROR_DUPLICATE_ID,   /* an id used twice */
  CHRONO_ERROR_RANGE,          /* end before start */
  CHRONO_ERROR_FORMAT,         /* unknown file format or version */
  CHRONO_ERROR_CSV,            /* a malformed CSV file or row */
  CHRONO_ERROR_SKIPPED_ROWS,   /* a warning only: how many bad rows lenient loading skipped,
                                * or how many links it dropped */
  CHRONO_ERROR_LINK,           /* a link that is empty or not http, https or mailto */
  CHRONO_ERROR_LIMIT,          /* a count or a length over a limit of docs/limits.md */
  CHRONO_ERROR_COLUMNS,        /* a spreadsheet's header names neither Chronoscope's nor
                                * TimelineJS's columns: read it with a mapping
                                * (chrono-csv-mapping.h) */
} ChronoErrorCode;

GQuark chrono_error_quark (void);

/**
 * ChronoPos:
 * @line: 1-based line, 0 when unknown
 * @column: 1-based column counted in characters (not bytes), 0 when unknown
 */
typedef struct
{
  guint line;
  guint column;
} ChronoPos;

/**
 * ChronoDiagnostic:
 *
 * One error or warning found in a file.  @path is the JSON path of the
 * member ("events[3].lane") or NULL; @hint says what to do, or NULL.
 * @related_path and @related_pos locate another place the diagnostic
 * refers to (the first of two duplicate ids), or are NULL and 0; the
 * loader fills @related_pos from @related_path like @pos, and then says
 * it in @hint.
 */
typedef struct
{
  ChronoErrorCode code;
  gboolean        is_warning;
  ChronoPos       pos;
  char           *path;
  char           *message;
  char           *hint;
  char           *related_path;
  ChronoPos       related_pos;
} ChronoDiagnostic;

ChronoDiagnostic *chrono_diagnostic_new    (ChronoErrorCode         code,
                                            gboolean                is_warning,
                                            ChronoPos               pos,
                                            const char             *path,
                                            const char             *hint,
                                            const char             *format,
                                            ...) G_GNUC_PRINTF (6, 7);
void              chrono_diagnostic_free   (ChronoDiagnostic       *diagnostic);
/* "FILE:LINE:COL: message (hint)"; omits LINE:COL when unknown. Free with g_free(). */
char             *chrono_diagnostic_format (const ChronoDiagnostic *diagnostic,
                                            const char             *filename);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoDiagnostic, chrono_diagnostic_free)

G_END_DECLS
