# SPDX-License-Identifier: GPL-2.0
"""The harness's unit tests (tests/unit/, stdlib unittest), one verdict
line each ("unit-tests: PASS|FAIL test"), for make check's tally.
Needs nothing built and writes nothing into the project (run with -B).

    python3 -B -m harness.unit [-v]
"""

import os
import sys
import unittest

from . import exitcodes


class VerdictResult(unittest.TextTestResult):
    def _line(self, verdict, test, why=''):
        self.stream.write(f'unit-tests: {verdict} {test.id()}{why}\n')
        self.stream.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line('PASS', test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._line('FAIL', test)

    def addError(self, test, err):
        super().addError(test, err)
        self._line('FAIL', test, ' (error)')

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._line('FAIL', test, f' (skipped: {reason}; a unit test may not skip)')


def main():
    top = exitcodes.TOP
    suite = unittest.defaultTestLoader.discover(os.path.join(top, 'tests', 'unit'),
                                                top_level_dir=top)
    runner = unittest.TextTestRunner(stream=sys.stdout, resultclass=VerdictResult,
                                     verbosity=0)
    result = runner.run(suite)
    if result.testsRun == 0:
        print('unit-tests: FAIL no unit test found in tests/unit')
        return exitcodes.TEST_FAILED
    return exitcodes.OK if result.wasSuccessful() and not result.skipped \
        else exitcodes.TEST_FAILED


if __name__ == '__main__':
    sys.exit(main())
