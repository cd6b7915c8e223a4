<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>CaptureDialog</name>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="106" />
      <source>Scan results of dossier {code}</source>
      <translation>Quét kết quả của hồ sơ {code}</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="107" />
      <source>Digitize dossier {code}</source>
      <translation>Số hóa hồ sơ {code}</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="110" />
      <source>No scanner is set up on this computer (Devices → Scanner). Pages can still be added from a file: Choose file…</source>
      <translation>Máy tính này chưa cài đặt máy quét (Thiết bị → Máy quét). Vẫn có thể lấy trang từ tệp: Chọn tệp…</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="113" />
      <source>Scanner: {name}. F8 scans the current document, F9 saves it and moves on.</source>
      <translation>Máy quét: {name}. F8 quét thành phần đang chọn, F9 lưu và sang thành phần sau.</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="134" />
      <source>not counted</source>
      <translation>chưa đếm</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="144" />
      <source>Scan (F8)</source>
      <translation>Quét (F8)</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="145" />
      <source>Stop scanning</source>
      <translation>Dừng quét</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="146" />
      <source>Save as result (F9)</source>
      <translation>Lưu làm kết quả (F9)</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="147" />
      <source>Save, next document (F9)</source>
      <translation>Lưu, sang thành phần sau (F9)</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="148" />
      <source>Choose file…</source>
      <translation>Chọn tệp…</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="149" />
      <source>Rescan page</source>
      <translation>Quét lại trang</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="150" />
      <source>Rotate (Ctrl+R)</source>
      <translation>Xoay (Ctrl+R)</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="151" />
      <source>Delete page (Delete)</source>
      <translation>Xóa trang (Delete)</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="167" />
      <source>Paper pages:</source>
      <translation>Số trang bản giấy:</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="184" />
      <source>Shown only (original presented)</source>
      <translation>Chỉ xuất trình (bản chính)</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="185" />
      <source>Exempt from digitization</source>
      <translation>Không phải số hóa</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="186" />
      <source>Not digitized</source>
      <translation>Chưa số hóa</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="190" />
      <source>Reason (required for exempt and not digitized)</source>
      <translation>Lý do (bắt buộc khi không phải số hóa hoặc chưa số hóa)</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="191" />
      <source>Record</source>
      <translation>Ghi nhận</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="193" />
      <source>Reuse…</source>
      <translation>Tái sử dụng…</translation>
    </message>
    <message>
      <source>The applicant has {count} of these documents digitized in earlier dossiers: Reuse… takes them without scanning.</source>
      <translation>Người nộp đã có {count} thành phần này được số hóa ở hồ sơ trước: «Tái sử dụng…» lấy lại mà không phải quét.</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="197" />
      <source>Or record:</source>
      <translation>Hoặc ghi nhận:</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="219" />
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="246" />
      <source>Not recorded</source>
      <translation>Chưa ghi nhận</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="248" />
      <source>{n} pages saved</source>
      <translation>đã lưu {n} trang</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="250" />
      <source>{n} pages not saved yet</source>
      <translation>{n} trang chưa lưu</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="253" />
      <source>paper: {n} pages</source>
      <translation>bản giấy: {n} trang</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="255" />
      <source>not received</source>
      <translation>chưa nhận</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="342" />
      <location filename="../../ui/digitize/capture_dialog.py" line="353" />
      <source>No scanner is set up on this computer: use Choose file…</source>
      <translation>Máy tính này chưa cài đặt máy quét: dùng Chọn tệp…</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="344" />
      <source>Scanning {name}…</source>
      <translation>Đang quét {name}…</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="355" />
      <source>Put page {n} back in the scanner: it replaces the old one.</source>
      <translation>Đặt lại trang {n} vào máy quét: trang quét mới sẽ thay trang cũ.</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="362" />
      <source>Reading pages from {n} file(s)…</source>
      <translation>Đang lấy trang từ {n} tệp…</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="366" />
      <source>Choose the document's file</source>
      <translation>Chọn tệp của thành phần hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="367" />
      <source>PDF and images (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</source>
      <translation>PDF và ảnh (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="388" />
      <source>Scanning stopped; {n} pages kept.</source>
      <translation>Đã dừng quét; giữ {n} trang.</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="390" />
      <source>{n} pages of «{name}» ready: check them, then F9 saves.</source>
      <translation>Đã có {n} trang của «{name}»: kiểm tra rồi bấm F9 để lưu.</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="430" />
      <source>The change could not be written to disk ({error}).</source>
      <translation>Không ghi được thay đổi xuống ổ đĩa ({error}).</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="465" />
      <source>Wait for the scan to finish, or stop it first.</source>
      <translation>Chờ quét xong, hoặc dừng quét trước.</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="474" />
      <source>«{name}» has no pages yet: F8 scans it, or record another state below.</source>
      <translation>«{name}» chưa có trang nào: bấm F8 để quét, hoặc ghi nhận trạng thái khác bên dưới.</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="479" />
      <source>Page count differs</source>
      <translation>Số trang không khớp</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="480" />
      <source>Save anyway?</source>
      <translation>Vẫn lưu?</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="484" />
      <source>Saving «{name}»…</source>
      <translation>Đang lưu «{name}»…</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="492" />
      <source>Saved «{name}» ({n} pages).</source>
      <translation>Đã lưu «{name}» ({n} trang).</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="508" />
      <source>That was the last document.</source>
      <translation>Đó là thành phần cuối cùng.</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="516" />
      <source>Discard scanned pages</source>
      <translation>Bỏ các trang đã quét</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="517" />
      <source>«{name}» has {n} scanned pages not saved. Record «{state}» and discard them?</source>
      <translation>«{name}» có {n} trang đã quét chưa lưu. Ghi nhận «{state}» và bỏ các trang đó?</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/capture_dialog.py" line="530" />
      <source>Recorded «{name}»: {state}.</source>
      <translation>Đã ghi nhận «{name}»: {state}.</translation>
    </message>
  </context>
  <context>
    <name>IntakeForm</name>
    <message>
      <location filename="../../ui/intake/page.py" />
      <source>Digitize {code} (F7)</source>
      <translation>Số hóa {code} (F7)</translation>
    </message>
  </context>
  <context>
    <name>ReceiptPreview</name>
    <message>
      <location filename="../../ui/intake/receipt_preview.py" />
      <source>Digitize (F7)</source>
      <translation>Số hóa (F7)</translation>
    </message>
  </context>
</TS>