# SPDX-License-Identifier: GPL-2.0
# kunit.py --qemu_config for a little-endian pseries guest on a POWER9 CPU,
# so that the kernel uses the radix MMU (the in-tree powerpc.py boots a
# big-endian kernel on POWER8, which only has the hash MMU). The harness
# checks the boot log for "lpar: Using radix MMU under hypervisor".
# kunit.py configures with olddefconfig: the defaults the suite does not
# need are turned off to build less on a 2-core machine (the powernv
# platform and its drivers, the VT console with its input drivers, HID,
# io_uring; EXPERT makes VT, INPUT and IO_URING optional).
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='powerpc',
			   kconfig='''
CONFIG_PPC64=y
CONFIG_PPC_BOOK3S_64=y
CONFIG_CPU_LITTLE_ENDIAN=y
CONFIG_PPC_PSERIES=y
CONFIG_PPC_RADIX_MMU=y
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y
CONFIG_HVC_CONSOLE=y
# CONFIG_PPC_POWERNV is not set
CONFIG_EXPERT=y
# CONFIG_VT is not set
# CONFIG_INPUT is not set
# CONFIG_HID is not set
# CONFIG_IO_URING is not set''',
			   qemu_arch='ppc64',
			   kernel_path='vmlinux',
			   kernel_command_line='console=hvc0',
			   extra_qemu_params=['-M', 'pseries', '-cpu', 'power9',
					      '-smp', '2'])
