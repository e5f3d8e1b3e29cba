# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config for x86_64: the in-tree x86_64.py (q35 with qboot,
# serial console) with the defaults the secondary_tlb suite does not need
# turned off, to build less on a 2-core machine. kunit.py
# configures with olddefconfig, whose defaults on x86_64 bring in ACPI
# (a fifth of the objects), the VT console with its input drivers, HID,
# io_uring, suspend and hibernation, machine-check and microcode support.
# The guest boots without ACPI (MP tables) and prints on ttyS0. EXPERT
# makes VT, INPUT and IO_URING optional.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y
# CONFIG_ACPI is not set
CONFIG_EXPERT=y
# CONFIG_VT is not set
# CONFIG_INPUT is not set
# CONFIG_HID is not set
# CONFIG_IO_URING is not set
# CONFIG_SUSPEND is not set
# CONFIG_HIBERNATION is not set
# CONFIG_X86_MCE is not set
# CONFIG_MICROCODE is not set''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=['-bios', 'qboot.rom'])
