#define G_LOG_DOMAIN "chrono-error"

#include "config.h"

#include <stdarg.h>

#include "chrono-error.h"

G_DEFINE_QUARK (chrono-error-quark, chrono_error)

/**
 * chrono_diagnostic_new:
 * @path: (nullable): JSON path of the member, copied
 * @hint: (nullable): what to do about it, copied
 *
 * Returns: (transfer full): a new diagnostic
 */
ChronoDiagnostic *
chrono_diagnostic_new (ChronoErrorCode  code,
                       gboolean         is_warning,
                       ChronoPos        pos,
                       const char      *path,
                       const char      *hint,
                       const char      *format,
                       ...)
{
  ChronoDiagnostic *self;
  va_list args;

  g_return_val_if_fail (format != NULL, NULL);

  self = g_new0 (ChronoDiagnostic, 1);
  self->code = code;
  self->is_warning = is_warning;
  self->pos = pos;
  self->path = g_strdup (path);
  self->hint = g_strdup (hint);

  va_start (args, format);
  self->message = g_strdup_vprintf (format, args);
  va_end (args);

  return self;
}

void
chrono_diagnostic_free (ChronoDiagnostic *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->message);
  g_free (self->hint);
  g_free (self->related_path);
  g_free (self);
}

/**
 * chrono_diagnostic_format:
 * @filename: the name to show for the file
 *
 * Returns: (transfer full): "FILE:LINE:COL: message (hint)"
 */
char *
chrono_diagnostic_format (const ChronoDiagnostic *self,
                          const char             *filename)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (filename ? filename : "-");
  if (self->pos.line > 0)
    g_string_append_printf (out, ":%u:%u", self->pos.line, MAX (self->pos.column, 1));
  g_string_append (out, ": ");
  if (self->is_warning)
    g_string_append (out, "warning: ");
  g_string_append (out, self->message);
  if (self->hint != NULL && self->hint[0] != '\0')
    g_string_append_printf (out, " (%s)", self->hint);

  return g_string_free (out, FALSE);
}
