<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>CounterPanel</name>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="57" />
      <source>Call next (F5)</source>
      <translation>Gọi số tiếp (F5)</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="57" />
      <source>Recall (F6)</source>
      <translation>Gọi lại (F6)</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="58" />
      <source>No-show</source>
      <translation>Vắng mặt</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="58" />
      <source>Transfer…</source>
      <translation>Chuyển…</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="59" />
      <source>Done</source>
      <translation>Xong</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="53" />
      <source>Queue:</source>
      <translation>Hàng đợi:</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="69" />
      <source>Service groups</source>
      <translation>Nhóm dịch vụ mà quầy này gọi số</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="76" />
      <source>Log in at a counter to call tickets.</source>
      <translation>Đăng nhập tại một quầy để gọi số.</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="97" />
      <source>Groups: all</source>
      <translation>Nhóm: tất cả</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="100" />
      <source>Groups: {groups}</source>
      <translation>Nhóm: {groups}</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="124" />
      <source>No ticket at this counter.</source>
      <translation>Quầy chưa có số nào.</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="126" />
      <source>Called {n} time(s)</source>
      <translation>Đã gọi {n} lần</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="143" />
      <source>Nobody is waiting.</source>
      <translation>Không còn ai chờ.</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="161" />
      <source>{label} did not come.</source>
      <translation>{label} không đến.</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="166" />
      <source>{label} served.</source>
      <translation>{label} đã xong.</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="173" />
      <source>Transfer</source>
      <translation>Chuyển số</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="173" />
      <source>Send {label} to:</source>
      <translation>Chuyển {label} sang:</translation>
    </message>
    <message>
      <location filename="../../ui/queue/counter_panel.py" line="180" />
      <source>{label} goes first in {group}.</source>
      <translation>{label} được gọi trước trong nhóm {group}.</translation>
    </message>
  </context>
  <context>
    <name>DeskDevices</name>
    <message>
      <location filename="../../ui/devices/desk.py" line="46" />
      <source>Devices: none configured</source>
      <translation>Thiết bị: chưa cấu hình</translation>
    </message>
    <message>
      <location filename="../../ui/devices/desk.py" line="48" />
      <source>scanner</source>
      <translation>máy quét</translation>
    </message>
    <message>
      <location filename="../../ui/devices/desk.py" line="48" />
      <source>LED board</source>
      <translation>bảng LED</translation>
    </message>
    <message>
      <location filename="../../ui/devices/desk.py" line="49" />
      <source>ticket printer</source>
      <translation>máy in</translation>
    </message>
    <message>
      <location filename="../../ui/devices/desk.py" line="50" />
      <source>connected</source>
      <translation>đã kết nối</translation>
    </message>
    <message>
      <location filename="../../ui/devices/desk.py" line="50" />
      <source>disconnected</source>
      <translation>mất kết nối</translation>
    </message>
    <message>
      <location filename="../../ui/devices/desk.py" line="52" />
      <source>Devices: {states}</source>
      <translation>Thiết bị: {states}</translation>
    </message>
  </context>
  <context>
    <name>DeviceSettingsPage</name>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Find SANE scanners</source>
      <translation>Tìm máy quét SANE</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Looking for scanners…</source>
      <translation>Đang tìm máy quét…</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>SANE finds no scanner on this computer: check the cable and the power.</source>
      <translation>SANE không thấy máy quét nào trên máy này: kiểm tra cáp và nguồn.</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Found: {devices}</source>
      <translation>Tìm thấy: {devices}</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Document scanner</source>
      <translation>Máy quét tài liệu</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Not used</source>
      <translation>Không dùng</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Network scanner (eSCL, AirScan)</source>
      <translation>Máy quét mạng (eSCL, AirScan)</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>SANE scanner (Linux)</source>
      <translation>Máy quét SANE (Linux)</translation>
    </message>
    <message>
      <source>USB scanner through WIA (Windows)</source>
      <translation>Máy quét USB qua WIA (Windows)</translation>
    </message>
    <message>
      <source>empty: the first scanner Windows has</source>
      <translation>để trống: máy quét đầu tiên Windows thấy</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Scan folder of a copier</source>
      <translation>Thư mục quét của máy photocopy</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Grayscale</source>
      <translation>Xám</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Colour</source>
      <translation>Màu</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Black and white</source>
      <translation>Đen trắng</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Document feeder</source>
      <translation>Khay nạp giấy tự động</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Flatbed glass</source>
      <translation>Mặt kính</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Both sides (duplex, from the feeder)</source>
      <translation>Quét hai mặt (từ khay nạp giấy)</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Scanner:</source>
      <translation>Máy quét:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Address:</source>
      <translation>Địa chỉ:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Resolution:</source>
      <translation>Độ phân giải:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Colour mode:</source>
      <translation>Chế độ màu:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Page size:</source>
      <translation>Khổ giấy:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Paper from:</source>
      <translation>Nguồn giấy:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Test the connection</source>
      <translation>Thử kết nối</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>http://192.168.1.20/eSCL</source>
      <translation>http://192.168.1.20/eSCL</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>test:0 or the name scanimage -L gives</source>
      <translation>test:0 hoặc tên thiết bị do lệnh scanimage -L cho biết</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>D:\Scans or \\server\scans</source>
      <translation>D:\Quet hoặc \\may-chu\quet</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="1" />
      <source>Asking the scanner…</source>
      <translation>Đang hỏi máy quét…</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="49" />
      <source>Devices at this counter</source>
      <translation>Thiết bị của quầy này</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="61" />
      <source>USB scanners that type like a keyboard: recognise their scans anywhere</source>
      <translation>Máy quét USB kiểu bàn phím: nhận ra mã quét ở mọi màn hình</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="66" />
      <source>Look for ports again</source>
      <translation>Tìm lại cổng</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="68" />
      <source>Save and apply</source>
      <translation>Lưu và áp dụng</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="95" />
      <source>Port:</source>
      <translation>Cổng:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="86" />
      <source>COM3, /dev/ttyUSB0 or socket://host:port</source>
      <translation>COM3, /dev/ttyUSB0 hoặc socket://máy:cổng</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="87" />
      <source>A port this PC lists, or a serial device server on the network: socket://host:port or rfc2217://host:port</source>
      <translation>Một cổng máy này liệt kê, hoặc bộ chuyển cổng nối tiếp qua mạng: socket://máy:cổng hoặc rfc2217://máy:cổng</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="96" />
      <source>Baud:</source>
      <translation>Tốc độ (baud):</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="97" />
      <source>Data bits:</source>
      <translation>Bit dữ liệu:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="98" />
      <source>Parity:</source>
      <translation>Chẵn lẻ:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="99" />
      <source>Stop bits:</source>
      <translation>Bit dừng:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="102" />
      <source>Scan ends with:</source>
      <translation>Mã quét kết thúc bằng:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="104" />
      <source>ASCII line</source>
      <translation>Dòng ASCII</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="110" />
      <source>Protocol:</source>
      <translation>Giao thức:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="111" />
      <source>Board address:</source>
      <translation>Địa chỉ bảng:</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="117" />
      <source>Print as an image</source>
      <translation>In dạng ảnh</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="120" />
      <source>Code page (ESC t):</source>
      <translation>Bảng mã (ESC t):</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="122" />
      <location filename="../../ui/devices/settings_page.py" line="192" />
      <source>Test</source>
      <translation>Thử</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="141" />
      <source>(not used)</source>
      <translation>(không dùng)</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="177" />
      <source>Saved for this computer and applied.</source>
      <translation>Đã lưu cho máy này và áp dụng.</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="184" />
      <source>Not configured: choose its port and save first.</source>
      <translation>Chưa cấu hình: chọn cổng và lưu trước.</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="187" />
      <source>Connected: scan any code now.</source>
      <translation>Đã kết nối: hãy quét một mã bất kỳ.</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="188" />
      <source>Not connected: check the cable and the port.</source>
      <translation>Chưa kết nối: kiểm tra dây cáp và cổng.</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="190" />
      <source>Sending…</source>
      <translation>Đang gửi…</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="198" />
      <source>Test ticket: Vietnamese ấộửỹđ</source>
      <translation>Phiếu in thử: tiếng Việt ấộửỹđ</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="199" />
      <source>One-stop office</source>
      <translation>Bộ phận Một cửa</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="204" />
      <source>Sent.</source>
      <translation>Đã gửi.</translation>
    </message>
    <message>
      <location filename="../../ui/devices/settings_page.py" line="208" />
      <source>Received: {text}</source>
      <translation>Đã nhận: {text}</translation>
    </message>
  </context>
  <context>
    <name>ScanHandler</name>
    <message>
      <location filename="../../ui/devices/scan_handler.py" line="39" />
      <source>A window is open: close it, then scan again.</source>
      <translation>Đang mở một cửa sổ: đóng nó rồi quét lại.</translation>
    </message>
    <message>
      <location filename="../../ui/devices/scan_handler.py" line="69" />
      <source>Citizen ID card QR: {problem}</source>
      <translation>Mã QR thẻ căn cước: {problem}</translation>
    </message>
    <message>
      <location filename="../../ui/devices/scan_handler.py" line="73" />
      <source>Your role cannot register dossiers.</source>
      <translation>Vai trò của bạn không tiếp nhận hồ sơ.</translation>
    </message>
    <message>
      <location filename="../../ui/devices/scan_handler.py" line="97" />
      <source>The scanned code is not a dossier code, a citizen ID card or a queue ticket: «{text}».</source>
      <translation>Mã vừa quét không phải mã hồ sơ, thẻ căn cước hay phiếu thứ tự: «{text}».</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ui/main_window.py" line="357" />
      <source>Queue ticket {number}: open the intake form to attach it to a dossier.</source>
      <translation>Phiếu thứ tự {number}: mở màn hình tiếp nhận để gắn phiếu với hồ sơ.</translation>
    </message>
  </context>
  <context>
    <name>ReusePicker</name>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="70" />
      <source>Reuse a document already digitized · {code}</source>
      <translation>Tái sử dụng giấy tờ đã số hóa · {code}</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="72" />
      <source>Looking for documents this applicant already gave…</source>
      <translation>Đang tìm giấy tờ người nộp này đã nộp trước đây…</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="78" />
      <source>Document</source>
      <translation>Giấy tờ</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="78" />
      <source>From dossier</source>
      <translation>Từ hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="78" />
      <source>Received</source>
      <translation>Ngày nhận</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="79" />
      <source>Pages</source>
      <translation>Số trang</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="79" />
      <source>Source</source>
      <translation>Nguồn</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="100" />
      <source>Reuse</source>
      <translation>Tái sử dụng</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="103" />
      <source>Preview…</source>
      <translation>Xem trước…</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="121" />
      <source>At this office</source>
      <translation>Tại cơ quan</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="121" />
      <source>Citizen's store (portal)</source>
      <translation>Kho dữ liệu công dân (Cổng DVC)</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="129" />
      <source>No document of this kind from this applicant has been digitized before: scan the paper.</source>
      <translation>Chưa có giấy tờ loại này của người nộp đã được số hóa trước đây: hãy quét bản giấy.</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="132" />
      <source>{n} document(s) of this kind this applicant gave before, newest first:</source>
      <translation>{n} giấy tờ loại này người nộp đã nộp trước đây, mới nhất trước:</translation>
    </message>
    <message>
      <location filename="../../ui/digitize/reuse_picker.py" line="170" />
      <source>{name} · from dossier {code}</source>
      <translation>{name} · từ hồ sơ {code}</translation>
    </message>
  </context>
</TS>
