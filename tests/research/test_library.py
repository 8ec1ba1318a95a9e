import subprocess
import sys


def test_the_research_package_imports_no_django():
    code = (
        "import sys, luoshi.research, luoshi.research.levels; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
