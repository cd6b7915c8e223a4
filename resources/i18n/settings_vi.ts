<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>AgencyTab</name>
    <message>
      <location filename="../../ui/settings/agency.py" line="45" />
      <source>e.g. Vĩnh Long</source>
      <translation>ví dụ: Vĩnh Long</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="49" />
      <source>Afternoon:</source>
      <translation>Buổi chiều:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="54" />
      <source>Agency name:</source>
      <translation>Tên cơ quan, đơn vị:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="54" />
      <source>Governing body:</source>
      <translation>Cơ quan chủ quản:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="55" />
      <source>Unit code (QCVN 102:2016 or Decision 20/2020):</source>
      <translation>Mã định danh đơn vị (QCVN 102:2016 hoặc Quyết định 20/2020):</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="55" />
      <source>Address:</source>
      <translation>Địa chỉ:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="56" />
      <source>Phone:</source>
      <translation>Số điện thoại:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="56" />
      <source>Place name on dated papers:</source>
      <translation>Địa danh ghi trên văn bản:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="61" />
      <source>Office hours:</source>
      <translation>Giờ làm việc:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="69" />
      <source>Save the agency details</source>
      <translation>Lưu thông tin cơ quan</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="79" />
      <source>The unit code begins every dossier code received from now on; dossiers already received keep theirs. The office hours decide the due time of dossiers counted in working hours and when the ticket kiosk opens.</source>
      <translation>Mã định danh đơn vị đứng đầu mã của mọi hồ sơ tiếp nhận từ nay; hồ sơ đã tiếp nhận giữ nguyên mã. Giờ làm việc quyết định thời hạn của hồ sơ tính theo giờ làm việc và giờ máy lấy số mở.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="97" />
      <source>Morning:</source>
      <translation>Buổi sáng:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="134" />
      <source>The stored office hours have {n} sessions ({hours}); saving changed hours here keeps the morning and afternoon shown.</source>
      <translation>Giờ làm việc đang lưu có {n} buổi ({hours}); nếu sửa giờ ở đây và lưu, chỉ giữ lại buổi sáng và buổi chiều đang hiện.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="161" />
      <source>Change the unit code</source>
      <translation>Đổi mã định danh đơn vị</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="162" />
      <source>Dossiers received from now on will have codes beginning with {new} instead of {old}. Dossiers already received keep their codes. Change the unit code?</source>
      <translation>Hồ sơ tiếp nhận từ nay sẽ có mã bắt đầu bằng {new} thay cho {old}. Hồ sơ đã tiếp nhận giữ nguyên mã. Đổi mã định danh đơn vị?</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="173" />
      <source>Agency details saved.</source>
      <translation>Đã lưu thông tin cơ quan.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/agency.py" line="183" />
      <source>Nothing was saved: correct the field marked in red.</source>
      <translation>Chưa lưu gì: hãy sửa ô có thông báo màu đỏ.</translation>
    </message>
  </context>
  <context>
    <name>BackupTab</name>
    <message>
      <location filename="../../ui/settings/backup.py" line="20" />
      <source>Empty: the backups folder inside the data folder</source>
      <translation>Để trống: thư mục backups trong thư mục dữ liệu</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backup.py" line="21" />
      <source>Choose a folder…</source>
      <translation>Chọn thư mục…</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backup.py" line="27" />
      <source>Folder for the backups</source>
      <translation>Thư mục chứa bản sao lưu</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backup.py" line="40" />
      <source>A folder on another disk or on the network is safer: a disk that fails takes the data and any backup on it together. Older automatic backups beyond the number kept are deleted.</source>
      <translation>Nên chọn thư mục trên ổ đĩa khác hoặc thư mục mạng: ổ đĩa hỏng sẽ mất cả dữ liệu lẫn bản sao lưu nằm trên nó. Bản sao lưu tự động cũ hơn số bản được giữ lại sẽ bị xóa.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backup.py" line="51" />
      <source>Automatic backups keep each digitized file once, in the backup-files folder beside them: a day adds only that day's new scans. Copy that folder together with the backups.</source>
      <translation>Bản sao lưu tự động giữ mỗi tệp số hóa một lần, trong thư mục backup-files cạnh các bản sao lưu: mỗi ngày chỉ thêm các bản quét mới của ngày đó. Khi chép bản sao lưu đi nơi khác, chép cả thư mục này.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backup.py" line="67" />
      <source>No automatic backup in this folder yet.</source>
      <translation>Chưa có bản sao lưu tự động nào trong thư mục này.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backup.py" line="69" />
      <source>Latest automatic backup: {name}, made {when}, {size}.</source>
      <translation>Bản sao lưu tự động gần nhất: {name}, ghi lúc {when}, {size}.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/backup.py" line="72" />
      <source>Its {files} digitized files are kept in «{folder}»; this backup added {added} new files ({mb}).</source>
      <translation>{files} tệp số hóa của bản này được giữ trong «{folder}»; lần này thêm {added} tệp mới ({mb}).</translation>
    </message>
  </context>
  <context>
    <name>CalendarTab</name>
    <message>
      <location filename="../../ui/settings/calendar.py" line="67" />
      <source>Year:</source>
      <translation>Năm:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="78" />
      <source>Date</source>
      <translation>Ngày</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="78" />
      <source>Kind</source>
      <translation>Loại</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="78" />
      <source>Reason</source>
      <translation>Lý do</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="96" />
      <source>Reason (required), e.g. Tết holiday moved by the provincial people's committee</source>
      <translation>Lý do (bắt buộc), ví dụ: nghỉ bù Tết theo quyết định của UBND tỉnh</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="99" />
      <source>Add a day off</source>
      <translation>Thêm ngày nghỉ</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="102" />
      <source>Add a make-up working day</source>
      <translation>Thêm ngày làm bù</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="105" />
      <source>Remove the change</source>
      <translation>Bỏ điều chỉnh</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="115" />
      <source>The chosen day</source>
      <translation>Ngày đang chọn</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="139" />
      <location filename="../../ui/settings/calendar.py" line="195" />
      <source>Public holiday</source>
      <translation>Ngày lễ, Tết</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="139" />
      <source>Weekend day worked by government swap</source>
      <translation>Ngày làm bù theo quyết định hoán đổi ngày nghỉ</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="140" />
      <source>Day off of this office</source>
      <translation>Ngày nghỉ riêng của cơ quan</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="140" />
      <source>Make-up working day of this office</source>
      <translation>Ngày làm bù riêng của cơ quan</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="178" />
      <source>{year}: {offs} days off and {works} make-up working days besides the weekends.</source>
      <translation>Năm {year}: {offs} ngày nghỉ và {works} ngày làm bù, ngoài các ngày cuối tuần.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="192" />
      <source>Make-up working day (office)</source>
      <translation>Ngày làm bù (cơ quan)</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="192" />
      <source>Day off (office)</source>
      <translation>Ngày nghỉ (cơ quan)</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="194" />
      <source>Make-up working day (government)</source>
      <translation>Ngày làm bù (theo quyết định)</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="216" />
      <source>weekend</source>
      <translation>ngày nghỉ cuối tuần</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="218" />
      <source>ordinary working day</source>
      <translation>ngày làm việc bình thường</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="250" />
      <source>{day} is now a day off of this office.</source>
      <translation>Đã ghi ngày {day} là ngày nghỉ của cơ quan.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="251" />
      <source>{day} is now a make-up working day of this office.</source>
      <translation>Đã ghi ngày {day} là ngày làm bù của cơ quan.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/calendar.py" line="262" />
      <source>The office's change for {day} was removed.</source>
      <translation>Đã bỏ điều chỉnh của cơ quan cho ngày {day}.</translation>
    </message>
  </context>
  <context>
    <name>CountersTab</name>
    <message>
      <location filename="../../ui/settings/counters.py" line="40" />
      <source>Number</source>
      <translation>Số quầy</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="40" />
      <source>Name</source>
      <translation>Tên quầy</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="40" />
      <source>State</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="41" />
      <source>Has dossiers or tickets</source>
      <translation>Đã có hồ sơ, số thứ tự</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="54" />
      <source>Rename</source>
      <translation>Đổi tên</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="57" />
      <location filename="../../ui/settings/counters.py" line="137" />
      <source>Stop using</source>
      <translation>Ngừng dùng</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="60" />
      <source>Remove</source>
      <translation>Xóa quầy</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="64" />
      <source>Selected counter</source>
      <translation>Quầy đang chọn</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="66" />
      <location filename="../../ui/settings/counters.py" line="83" />
      <source>Name:</source>
      <translation>Tên quầy:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="73" />
      <source>Empty: Counter &lt;number&gt;</source>
      <translation>Để trống: Quầy số &lt;số&gt;</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="74" />
      <source>Add the counter</source>
      <translation>Thêm quầy</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="79" />
      <source>New counter</source>
      <translation>Thêm quầy mới</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="81" />
      <source>Number:</source>
      <translation>Số quầy:</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="96" />
      <source>A counter that has received dossiers or served tickets cannot be removed: it is taken out of use and its records keep its name. Officers log in only at counters in use.</source>
      <translation>Quầy đã tiếp nhận hồ sơ hoặc đã phục vụ số thứ tự thì không xóa được: quầy chỉ ngừng dùng, các hồ sơ và số thứ tự vẫn giữ tên quầy. Cán bộ chỉ đăng nhập được tại quầy đang dùng.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="113" />
      <source>In use</source>
      <translation>Đang dùng</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="113" />
      <source>Not in use</source>
      <translation>Ngừng dùng</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="114" />
      <source>Yes</source>
      <translation>Có</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="114" />
      <source>No</source>
      <translation>Chưa</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="137" />
      <source>Use again</source>
      <translation>Dùng lại</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="173" />
      <source>Counter {n} is now called «{name}».</source>
      <translation>Đã đổi tên quầy số {n} thành «{name}».</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="184" />
      <source>Counter {n} is in use again.</source>
      <translation>Quầy số {n} đã được dùng lại.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="185" />
      <source>Counter {n} is no longer in use.</source>
      <translation>Quầy số {n} đã ngừng dùng.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="196" />
      <source>Counter {n} was removed.</source>
      <translation>Đã xóa quầy số {n}.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="197" />
      <source>Counter {n} has dossiers or tickets: it was taken out of use, not removed.</source>
      <translation>Quầy số {n} đã có hồ sơ hoặc số thứ tự: quầy được chuyển sang ngừng dùng, không xóa.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/counters.py" line="211" />
      <source>Counter {n} added.</source>
      <translation>Đã thêm quầy số {n}.</translation>
    </message>
  </context>
  <context>
    <name>DevicesTab</name>
    <message>
      <location filename="../../ui/settings/general.py" line="34" />
      <source>Open the Devices page of this computer</source>
      <translation>Mở trang Thiết bị của máy này</translation>
    </message>
    <message>
      <location filename="../../ui/settings/general.py" line="39" />
      <source>Card readers, scanners, the receipt printer and the counter's number board are set for each computer on its own Devices page: every counter may have other devices on other ports. Those settings are kept on that computer, not in the office database.</source>
      <translation>Đầu đọc thẻ, máy quét, máy in giấy tiếp nhận và bảng số của quầy được cài đặt riêng cho từng máy tính ở trang Thiết bị của máy đó: mỗi quầy có thể dùng thiết bị khác, cắm ở cổng khác. Các cài đặt này lưu trên chính máy tính đó, không lưu trong cơ sở dữ liệu của cơ quan.</translation>
    </message>
  </context>
  <context>
    <name>GeneralTab</name>
    <message>
      <location filename="../../ui/settings/general.py" line="15" />
      <source> min</source>
      <translation> phút</translation>
    </message>
    <message>
      <location filename="../../ui/settings/general.py" line="21" />
      <source>A counter left alone this long locks itself: the officer logs in again with their password, and the dossier being entered stays as it was.</source>
      <translation>Quầy không có thao tác trong khoảng thời gian này sẽ tự khóa màn hình: cán bộ nhập lại mật khẩu để mở, hồ sơ đang nhập dở vẫn được giữ nguyên.</translation>
    </message>
    <message>
      <source>One division per line. The hand-over dialog offers them as the officer types (diacritics optional); a name not in the list may still be typed.</source>
      <translation>Mỗi dòng một phòng. Hộp thoại chuyển phòng chuyên môn gợi ý các tên này khi cán bộ gõ (không dấu cũng được); vẫn gõ được tên không có trong danh sách.</translation>
    </message>
  </context>
  <context>
    <name>PortalTab</name>
    <message>
      <source>2 digits; empty for the 2018 shape</source>
      <translation>2 chữ số; để trống nếu dùng dạng mã 2018</translation>
    </message>
    <message>
      <source>Examples: {examples}.</source>
      <translation>Ví dụ: {examples}.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/portal.py" line="28" />
      <source>Empty: no portal, this office numbers its own dossiers</source>
      <translation>Để trống: không đồng bộ, cơ quan tự cấp mã hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/settings/portal.py" line="31" />
      <location filename="../../ui/settings/portal.py" line="66" />
      <source>Show</source>
      <translation>Hiện</translation>
    </message>
    <message>
      <location filename="../../ui/settings/portal.py" line="48" />
      <source>The token is kept in: {store}.</source>
      <translation>Mã truy cập được cất giữ tại: {store}.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/portal.py" line="49" />
      <source>This computer has no keyring of the operating system: the token is kept in the office database.</source>
      <translation>Máy này không có kho khóa của hệ điều hành: mã truy cập được lưu trong cơ sở dữ liệu của cơ quan.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/portal.py" line="60" />
      <source>Dossier numbers are leased from the portal ahead of time, so the counter keeps issuing official codes when the network is down. Without a portal address this office numbers its own dossiers.</source>
      <translation>Mã hồ sơ được thuê trước từ cổng để quầy vẫn cấp được mã chính thức khi mất mạng. Không có địa chỉ cổng thì cơ quan tự cấp mã hồ sơ.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/portal.py" line="66" />
      <source>Hide</source>
      <translation>Ẩn</translation>
    </message>
    <message>
      <location filename="../../ui/settings/portal.py" line="72" />
      <source>(set)</source>
      <translation>(đã có)</translation>
    </message>
    <message>
      <location filename="../../ui/settings/portal.py" line="72" />
      <source>(not set)</source>
      <translation>(chưa có)</translation>
    </message>
  </context>
  <context>
    <name>ReceiptTab</name>
    <message>
      <location filename="../../ui/settings/receipt.py" line="24" />
      <source>Empty: as in the office record</source>
      <translation>Để trống: lấy theo thông tin cơ quan</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="28" />
      <source>6 digits, e.g. 970436</source>
      <translation>6 chữ số, ví dụ: 970436</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="35" />
      <source>Printing</source>
      <translation>In ấn</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="38" />
      <source>Header and place name</source>
      <translation>Tiêu đề và địa danh</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="40" />
      <source>The receipt and the forms print these two lines at the top left and the place name before the date.</source>
      <translation>Giấy tiếp nhận và các biểu mẫu in hai dòng này ở góc trên bên trái, và in địa danh trước ngày tháng.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="42" />
      <source>Addresses in the QR codes</source>
      <translation>Địa chỉ trong mã QR</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="44" />
      <source>{code} in an address is replaced by the dossier code (on the receipt) or by the procedure code (at the guide desk).</source>
      <translation>{code} trong địa chỉ được thay bằng mã hồ sơ (trên giấy tiếp nhận) hoặc mã thủ tục (ở bàn hướng dẫn).</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="27" />
      <source>Empty: Bộ phận Một cửa – &lt;agency name&gt;</source>
      <translation>Để trống: «Bộ phận Một cửa – &lt;tên cơ quan&gt;»</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="28" />
      <source>Empty: no look-up QR code on the receipt</source>
      <translation>Để trống: giấy tiếp nhận không in mã QR tra cứu</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="29" />
      <source>Empty: no evaluation QR code on the receipt</source>
      <translation>Để trống: giấy tiếp nhận không in mã QR đánh giá</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="49" />
      <source>Enter your portal's own look-up address: with none, the receipt prints no look-up QR code.</source>
      <translation>Nhập địa chỉ tra cứu của chính cổng dịch vụ công nơi cơ quan: để trống thì giấy tiếp nhận không in mã QR tra cứu.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="46" />
      <source>Bank account for fees</source>
      <translation>Tài khoản nhận phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="47" />
      <source>With an account here, fee notices carry a VietQR code for the amount due; leave the bank code empty for none.</source>
      <translation>Khi có tài khoản ở đây, thông báo phí, lệ phí có mã VietQR cho số tiền phải nộp; để trống mã ngân hàng nếu không dùng.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="58" />
      <source>Forms after the receipt</source>
      <translation>Các biểu mẫu sau giấy tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/settings/receipt.py" line="59" />
      <source>The apology letter (form 04) is signed by the head of the late agency, or for them (KT./TL. line). The control sheet and the ledger name this agency until a dossier is handed over.</source>
      <translation>Văn bản xin lỗi (mẫu 04) do thủ trưởng cơ quan chậm trễ ký, hoặc người ký thay (dòng KT./TL.). Phiếu kiểm soát và sổ theo dõi ghi cơ quan giải quyết này khi hồ sơ chưa chuyển phòng chuyên môn.</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../../ui/settings/page.py" line="63" />
      <source>Agency</source>
      <translation>Cơ quan</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="63" />
      <source>Working calendar</source>
      <translation>Lịch làm việc</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="64" />
      <source>Counters</source>
      <translation>Quầy</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="64" />
      <source>Devices</source>
      <translation>Thiết bị</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="65" />
      <source>Public service portal</source>
      <translation>Cổng dịch vụ công</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="65" />
      <source>Receipt</source>
      <translation>Giấy tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="66" />
      <source>Backup</source>
      <translation>Sao lưu</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="66" />
      <source>General</source>
      <translation>Chung</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="74" />
      <source>Save settings</source>
      <translation>Lưu cài đặt</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="88" />
      <source>Only an administrator can change these settings; supervisors can change the working calendar.</source>
      <translation>Chỉ quản trị viên được thay đổi các cài đặt này; lãnh đạo được sửa lịch làm việc.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="90" />
      <source>Only an administrator can change these settings.</source>
      <translation>Chỉ quản trị viên được thay đổi các cài đặt này.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="93" />
      <source>Settings</source>
      <translation>Cài đặt</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="130" />
      <source>Nothing was saved: correct the field marked in red.</source>
      <translation>Chưa lưu gì: hãy sửa ô có thông báo màu đỏ.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/page.py" line="135" />
      <source>Settings saved.</source>
      <translation>Đã lưu cài đặt.</translation>
    </message>
  </context>
  <context>
    <name>FeeSettingsTab</name>
    <message>
      <location filename="../../ui/settings/fees.py" line="54" />
      <source>Returning results</source>
      <translation>Trả kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="59" />
      <source>Electronic fee receipts</source>
      <translation>Biên lai thu phí, lệ phí điện tử</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="64" />
      <source>Test the connection</source>
      <translation>Thử kết nối</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="79" />
      <source>The supervisor's leave and its reason are kept in the dossier's history and the audit log. Turned off, nothing stops a result from being returned while a fee is still owed.</source>
      <translation>Việc lãnh đạo cho phép và lý do được lưu trong quá trình xử lý hồ sơ và nhật ký. Khi bỏ chọn, kết quả vẫn trả được dù hồ sơ còn nợ phí, lệ phí.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="86" />
      <source>With e-receipts on, every payment gets a receipt from the provider; while it cannot be reached the receipt waits on the "Fee collection" page and is issued once it answers. With them off, the officer hands over a paper receipt from the office's book and enters its number. The template code and the symbol are those of the office's own receipt series: none comes with the app.</source>
      <translation>Khi bật biên lai điện tử, mỗi khoản nộp được nhà cung cấp phát hành một biên lai; khi chưa kết nối được, biên lai chờ ở trang «Thu phí» và được phát hành khi dịch vụ trả lời. Khi tắt, cán bộ giao biên lai giấy của cơ quan và nhập số biên lai. Mẫu số và ký hiệu là của quyển (dãy) biên lai của cơ quan: phần mềm không có sẵn.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="93" />
      <source>Fees</source>
      <translation>Phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="109" />
      <source> s</source>
      <translation> giây</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="116" />
      <source>e.g. https://bienlai.example.vn/api</source>
      <translation>ví dụ https://bienlai.example.vn/api</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="118" />
      <source>Empty: the agency's name</source>
      <translation>Để trống: tên cơ quan</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="120" />
      <source>As in the office's notice of receipt issuance</source>
      <translation>Theo thông báo phát hành biên lai của cơ quan</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="143" />
      <source>(set)</source>
      <translation>(đã có)</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="143" />
      <source>(not set)</source>
      <translation>(chưa có)</translation>
    </message>
    <message>
      <location filename="../../ui/settings/fees.py" line="155" />
      <source>Asking the provider…</source>
      <translation>Đang hỏi nhà cung cấp…</translation>
    </message>
  </context>
</TS>