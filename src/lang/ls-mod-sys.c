/* ls-mod-sys.c: the sys module: exit, the standard streams (writing through
 * the VM's output hooks), argv, version, maxsize, the recursion limit and
 * sys.modules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ls-lang.h"
#include "ls-modules-private.h"

#define LS_SYS_VERSION "3.11.7 (main, Nov 14 2023, 22:13:20) [GCC 12.2.0]"

/* ------------------------------------------------------------ the streams */

typedef struct
{
  int fd;   /* 0 stdin, 1 stdout, 2 stderr */
} Stream;

static void
stream_trace (LsVM    *vm,
              LsCData *self)
{
}

static const LsCDataClass stream_class = { "TextIOWrapper", stream_trace, NULL, NULL, NULL };

static Stream *
stream_of (LsVM    *vm,
           LsValue  v)
{
  Stream *s = _ls_cdata_get (v, &stream_class);

  if (s == NULL)
    ls_raise (vm, LS_EXC_TYPE_ERROR, "descriptor requires a '_io.TextIOWrapper' object but received a '%s'",
              ls_type_name (vm, v));
  return s;
}

static LsValue
stream_write (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  Stream *s = stream_of (vm, self);
  LsStr *text;

  if (s == NULL || !_ls_check_one (vm, "write", nargs, kwnames))
    return LS_ERR;
  if (!_ls_is_str (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "write() argument must be str, not %s",
                     ls_type_name (vm, args[0]));
  if (s->fd == 0)
    return ls_raise (vm, LS_EXC_OS_ERROR, "not writable");
  text = _ls_as_str (args[0]);
  if (s->fd == 1)
    ls_vm_write_stdout (vm, text->data, text->len);
  else
    ls_vm_write_stderr (vm, text->data, text->len);
  return ls_int ((gint64) text->nchars);
}

static LsValue
stream_writelines (LsVM          *vm,
                   LsValue        self,
                   const LsValue *args,
                   int            nargs,
                   LsTuple       *kwnames)
{
  LsValue it, line = LS_UNDEF;
  int st;

  if (!_ls_check_one (vm, "writelines", nargs, kwnames))
    return LS_ERR;
  it = ls_get_iter (vm, args[0]);
  if (LS_IS_ERR (it))
    return LS_ERR;
  while ((st = ls_iter_next (vm, it, &line)) > 0)
    if (LS_IS_ERR (stream_write (vm, self, &line, 1, NULL)))
      return LS_ERR;
  return st < 0 ? LS_ERR : LS_NONE;
}

static LsValue
stream_flush (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  return stream_of (vm, self) != NULL ? LS_NONE : LS_ERR;
}

static LsValue
stream_false (LsVM          *vm,
              LsValue        self,
              const LsValue *args,
              int            nargs,
              LsTuple       *kwnames)
{
  return LS_FALSE;
}

static LsValue
stream_fileno (LsVM          *vm,
               LsValue        self,
               const LsValue *args,
               int            nargs,
               LsTuple       *kwnames)
{
  Stream *s = stream_of (vm, self);

  return s != NULL ? ls_int (s->fd) : LS_ERR;
}

/* stdin is always at end of file: scenarios have no input */
static LsValue
stream_read (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  Stream *s = stream_of (vm, self);

  if (s == NULL)
    return LS_ERR;
  if (s->fd != 0)
    return ls_raise (vm, LS_EXC_OS_ERROR, "not readable");
  return vm->empty_str;
}

static LsValue
stream_readlines (LsVM          *vm,
                  LsValue        self,
                  const LsValue *args,
                  int            nargs,
                  LsTuple       *kwnames)
{
  if (LS_IS_ERR (stream_read (vm, self, args, nargs, kwnames)))
    return LS_ERR;
  return ls_obj (ls_list_new (vm, 0));
}

static LsValue
stream_iter (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  if (LS_IS_ERR (stream_read (vm, self, args, nargs, kwnames)))
    return LS_ERR;
  return ls_get_iter (vm, vm->empty_tuple);
}

static LsValue
stream_repr (LsVM          *vm,
             LsValue        self,
             const LsValue *args,
             int            nargs,
             LsTuple       *kwnames)
{
  static const char *const names[] = { "<stdin>", "<stdout>", "<stderr>" };
  Stream *s = stream_of (vm, self);

  if (s == NULL)
    return LS_ERR;
  return ls_obj (ls_str_printf (vm, "<_io.TextIOWrapper name='%s' mode='%s' encoding='utf-8'>",
                                names[s->fd], s->fd == 0 ? "r" : "w"));
}

static LsValue
stream_encoding (LsVM *vm, LsValue self, const LsValue *args, int nargs, LsTuple *kwnames)
{
  return ls_str_value (vm, "utf-8");
}

static const LsModFunc stream_methods[] = {
  { "write", stream_write }, { "writelines", stream_writelines }, { "flush", stream_flush },
  { "isatty", stream_false }, { "fileno", stream_fileno }, { "read", stream_read },
  { "readline", stream_read }, { "readlines", stream_readlines }, { "__iter__", stream_iter },
  { "__repr__", stream_repr }, { "readable", stream_false }, { "seekable", stream_false },
  { NULL, NULL }
};

static LsValue
new_stream (LsVM   *vm,
            LsType *type,
            int     fd)
{
  LsCData *cd = ls_cdata_new (vm, type);

  ((Stream *) ls_cdata_payload (cd))->fd = fd;
  return ls_obj (cd);
}

/* --------------------------------------------------------------- functions */

static LsValue
sys_exit (LsVM          *vm,
          LsValue        self,
          const LsValue *args,
          int            nargs,
          LsTuple       *kwnames)
{
  LsValue exc;

  if (!_ls_check_no_kwargs (vm, "exit", kwnames) || !_ls_check_nargs (vm, "exit", nargs, 0, 1))
    return LS_ERR;
  exc = ls_exc_new (vm, LS_EXC (vm, SYSTEM_EXIT), args, nargs);
  if (LS_IS_ERR (exc))
    return LS_ERR;
  return ls_raise_value (vm, exc);
}

static LsValue
sys_getrecursionlimit (LsVM          *vm,
                       LsValue        self,
                       const LsValue *args,
                       int            nargs,
                       LsTuple       *kwnames)
{
  if (!_ls_check_no_kwargs (vm, "getrecursionlimit", kwnames)
      || !_ls_check_nargs (vm, "getrecursionlimit", nargs, 0, 0))
    return LS_ERR;
  return ls_int (vm->recursion_limit);
}

static LsValue
sys_setrecursionlimit (LsVM          *vm,
                       LsValue        self,
                       const LsValue *args,
                       int            nargs,
                       LsTuple       *kwnames)
{
  gint64 n;

  if (!_ls_check_one (vm, "setrecursionlimit", nargs, kwnames))
    return LS_ERR;
  if (LS_IS_FLOAT (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "'float' object cannot be interpreted as an integer");
  if (!ls_index_value (vm, args[0], &n))
    return LS_ERR;
  if (n < 1)
    return ls_raise (vm, LS_EXC_VALUE_ERROR, "recursion limit must be greater or equal than 1");
  vm->recursion_limit = (int) MIN (n, G_MAXINT);
  return LS_NONE;
}

static LsValue
sys_intern (LsVM          *vm,
            LsValue        self,
            const LsValue *args,
            int            nargs,
            LsTuple       *kwnames)
{
  if (!_ls_check_one (vm, "intern", nargs, kwnames))
    return LS_ERR;
  if (!_ls_is_str (args[0]))
    return ls_raise (vm, LS_EXC_TYPE_ERROR, "intern() argument must be str, not %s",
                     ls_type_name (vm, args[0]));
  return ls_obj (ls_str_intern (vm, _ls_as_str (args[0])->data, _ls_as_str (args[0])->len));
}

static LsValue
sys_getdefaultencoding (LsVM          *vm,
                        LsValue        self,
                        const LsValue *args,
                        int            nargs,
                        LsTuple       *kwnames)
{
  return ls_str_value (vm, "utf-8");
}

static const LsModFunc sys_funcs[] = {
  { "exit", sys_exit }, { "getrecursionlimit", sys_getrecursionlimit },
  { "setrecursionlimit", sys_setrecursionlimit }, { "intern", sys_intern },
  { "getdefaultencoding", sys_getdefaultencoding },
  { NULL, NULL }
};

/* sys.argv[0]: the __main__ module's file name, "prog.py" when unknown */
static LsValue
main_file (LsVM *vm)
{
  LsValue mod = ls_dict_get_str (vm->modules, LS_NAME (vm, __main__));

  if (LS_OBJ_IS (mod, LS_OBJ_MODULE))
    {
      LsValue f = ls_dict_get_str (((LsModule *) LS_AS_OBJ (mod))->dict, LS_NAME (vm, __file__));

      if (_ls_is_str (f))
        return f;
    }
  return ls_str_value (vm, "prog.py");
}

static LsValue
version_info (LsVM *vm)
{
  static const char *const fields[] = { "major", "minor", "micro", "releaselevel", "serial" };
  LsTuple *names = ls_tuple_new (vm, G_N_ELEMENTS (fields));
  LsValue values[5] = { ls_int (3), ls_int (11), ls_int (7), ls_str_value (vm, "final"), ls_int (0) };
  LsType *type;

  for (gsize i = 0; i < G_N_ELEMENTS (fields); i++)
    names->items[i] = ls_obj (ls_str_intern (vm, fields[i], -1));
  type = _ls_namedtuple_new_type (vm, "sys", "version_info", names, NULL, TRUE);
  return _ls_structseq_new (vm, type, values, 5);
}

gboolean
_ls_mod_sys_init (LsVM   *vm,
                  LsDict *dict)
{
  LsType *io = _ls_mod_new_type (vm, "_io", "TextIOWrapper", NULL, LS_OBJ_CDATA, NULL);
  LsValue out, err, in, argv = main_file (vm);
  LsValue path = ls_str_value (vm, "");

  io->cdata_class = &stream_class;
  io->cdata_size = sizeof (Stream);
  _ls_mod_add_methods (vm, io, stream_methods);
  _ls_mod_add_getter (vm, io, "encoding", stream_encoding);
  in = new_stream (vm, io, 0);
  out = new_stream (vm, io, 1);
  err = new_stream (vm, io, 2);
  ls_dict_set_cstr (vm, dict, "stdin", in);
  ls_dict_set_cstr (vm, dict, "stdout", out);
  ls_dict_set_cstr (vm, dict, "stderr", err);
  ls_dict_set_cstr (vm, dict, "__stdin__", in);
  ls_dict_set_cstr (vm, dict, "__stdout__", out);
  ls_dict_set_cstr (vm, dict, "__stderr__", err);

  _ls_mod_add_funcs (vm, dict, sys_funcs, LS_UNDEF);
  ls_dict_set_cstr (vm, dict, "argv", ls_obj (ls_list_from (vm, &argv, 1)));
  ls_dict_set_cstr (vm, dict, "path", ls_obj (ls_list_from (vm, &path, 1)));
  ls_dict_set_cstr (vm, dict, "version", ls_str_value (vm, LS_SYS_VERSION));
  ls_dict_set_cstr (vm, dict, "version_info", version_info (vm));
  ls_dict_set_cstr (vm, dict, "hexversion", ls_int (0x030b07f0));
  ls_dict_set_cstr (vm, dict, "maxsize", ls_int (G_MAXINT64));
  ls_dict_set_cstr (vm, dict, "maxunicode", ls_int (0x10ffff));
  ls_dict_set_cstr (vm, dict, "platform", ls_str_value (vm, "linux"));
  ls_dict_set_cstr (vm, dict, "byteorder", ls_str_value (vm, "little"));
  ls_dict_set_cstr (vm, dict, "executable", vm->empty_str);
  ls_dict_set_cstr (vm, dict, "modules", ls_obj (vm->modules));
  return TRUE;
}
