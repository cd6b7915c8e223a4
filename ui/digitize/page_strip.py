"""The pages of one document line as thumbnails: in scan order, dragged or moved by key to reorder.

Thumbnails are decoded off the GUI thread (`thumbnail_image` is plain Pillow/PDFium into a
QImage, which any thread may make); the strip only turns and paints those small images, so a
200 dpi page never holds the counter's window up."""

from __future__ import annotations

import io

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap, QTransform
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from app.devices.docscan.assemble import Page

THUMB_HEIGHT = 180
FILE_ROLE = Qt.ItemDataRole.UserRole
TURN_ROLE = Qt.ItemDataRole.UserRole + 1
BLANK_ROLE = Qt.ItemDataRole.UserRole + 2


def thumbnail_image(page: Page, height: int = THUMB_HEIGHT) -> QImage:
    """A small picture of the page (not turned). Any thread. A page that cannot be read gets a
    grey card with a cross: the officer sees which one to delete or rescan."""
    try:
        if page.media_type == "application/pdf":
            pil = _pdf_thumbnail(page.data, height)
        else:
            from PIL import Image

            with Image.open(io.BytesIO(page.data)) as im:
                width = max(1, round(im.width * height / max(1, im.height)))
                im.draft("L" if im.mode == "L" else "RGB", (width, height))  # JPEG: decoded at 1/2…1/8
                pil = im.convert("RGB")
                pil.thumbnail((width, height))
    except Exception:  # noqa: BLE001 - any decoder failure is "unreadable", shown as such
        return broken_image(height)
    data = pil.tobytes("raw", "RGB")
    return QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888).copy()


def _pdf_thumbnail(data: bytes, height: int):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        page = doc[0]
        return page.render(scale=height / page.get_height(), draw_annots=False).to_pil().convert("RGB")
    finally:
        doc.close()


def broken_image(height: int = THUMB_HEIGHT) -> QImage:
    image = QImage(round(height * 0.7), height, QImage.Format.Format_RGB888)
    image.fill(QColor("#dddddd"))
    painter = QPainter(image)
    painter.setPen(QColor("#b00020"))
    painter.drawLine(0, 0, image.width(), image.height())
    painter.drawLine(image.width(), 0, 0, image.height())
    painter.end()
    return image


def turned(image: QImage, rotation: int) -> QImage:
    return image.transformed(QTransform().rotate(rotation)) if rotation else image


class PageStrip(QListWidget):
    """Each item is a page, keyed by its spool file name; `reordered` says the order after a drag."""

    reordered = Signal(list)  # file names, in the new order

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageStrip")
        # List mode laid out left to right: a drag reorders the rows (icon mode would only move
        # the pictures about on the canvas).
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(THUMB_HEIGHT, THUMB_HEIGHT))
        self.setSpacing(6)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self._rebuilding = False
        self.model().rowsMoved.connect(self._moved)

    def show_pages(self, files: list[str], rotations: list[int], images: dict[str, QImage],
                   select: str | None = None) -> None:
        """Rebuild from the line's pages; a page whose thumbnail is not decoded yet is blank."""
        current = select or self.current_file()
        self._rebuilding = True
        shown = [(self.item(r).data(FILE_ROLE), self.item(r).data(TURN_ROLE)) for r in range(self.count())]
        wanted = list(zip(files, rotations, strict=True))
        if wanted[:len(shown)] != shown:  # edited: rebuild; else (pages arrived) only add the new ones
            self.clear()
            shown = []
        for n, (name, rotation) in enumerate(wanted[len(shown):], len(shown) + 1):
            item = QListWidgetItem(self._icon(images.get(name), rotation), f"{n}")
            item.setData(FILE_ROLE, name)
            item.setData(TURN_ROLE, rotation)
            item.setData(BLANK_ROLE, name not in images)
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        for row in range(len(shown)):  # thumbnails decoded since they were shown blank
            item = self.item(row)
            if item.data(BLANK_ROLE) and item.data(FILE_ROLE) in images:
                item.setIcon(self._icon(images[item.data(FILE_ROLE)], item.data(TURN_ROLE)))
                item.setData(BLANK_ROLE, False)
        self._rebuilding = False
        row = files.index(current) if current in files else len(files) - 1
        if row >= 0:
            self.setCurrentRow(row)
            self.scrollToItem(self.item(row))

    def set_image(self, name: str, image: QImage, rotation: int) -> None:
        for row in range(self.count()):
            if self.item(row).data(FILE_ROLE) == name:
                self.item(row).setIcon(self._icon(image, rotation))
                self.item(row).setData(BLANK_ROLE, False)

    def _icon(self, image: QImage | None, rotation: int) -> QIcon:
        if image is None:
            blank = QPixmap(round(THUMB_HEIGHT * 0.7), THUMB_HEIGHT)
            blank.fill(QColor("#f4f4f4"))
            return QIcon(blank)
        return QIcon(QPixmap.fromImage(turned(image, rotation)))

    def current_file(self) -> str | None:
        item = self.currentItem()
        return item.data(FILE_ROLE) if item is not None else None

    def files(self) -> list[str]:
        return [self.item(row).data(FILE_ROLE) for row in range(self.count())]

    def _moved(self, *_args) -> None:
        """A page dropped elsewhere (QListWidget moves the row in its model)."""
        if not self._rebuilding:
            self.reordered.emit(self.files())
