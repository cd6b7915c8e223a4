"""`make translations`: compile resources/i18n/*.ts to .qm."""

from ui.i18n import compile_translations

if __name__ == "__main__":
    for qm in compile_translations():
        print(f"built {qm}")
