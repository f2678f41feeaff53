/* ls-opcodes.c: opcode names, for the disassembler and debugging.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ls-opcodes.h"

static const char * const opcode_names[LS_N_OPCODES] = {
#define LS_OPCODE_NAME(name) #name,
  LS_FOREACH_OPCODE (LS_OPCODE_NAME)
#undef LS_OPCODE_NAME
};

const char *
ls_opcode_name (LsOpcode op)
{
  if ((int) op < 0 || op >= LS_N_OPCODES)
    return "<invalid>";
  return opcode_names[op];
}
