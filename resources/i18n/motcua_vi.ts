<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>AddressFields</name>
    <message>
      <location filename="../../ui/intake/address_fields.py" line="75" />
      <source>Province / city</source>
      <translation>Tỉnh / thành phố</translation>
    </message>
    <message>
      <location filename="../../ui/intake/address_fields.py" line="79" />
      <source>Commune / ward (diacritics optional)</source>
      <translation>Xã / phường (gõ không dấu được)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/address_fields.py" line="82" />
      <source>House number and street, or hamlet</source>
      <translation>Số nhà, đường / thôn, ấp</translation>
    </message>
    <message>
      <location filename="../../ui/intake/address_fields.py" line="96" />
      <source>Use the new address</source>
      <translation>Dùng địa chỉ mới</translation>
    </message>
    <message>
      <location filename="../../ui/intake/address_fields.py" line="98" />
      <source>Keep the address as given</source>
      <translation>Giữ địa chỉ như đã ghi</translation>
    </message>
    <message>
      <location filename="../../ui/intake/address_fields.py" line="194" />
      <source>Old address: {text}</source>
      <translation>Địa chỉ cũ: {text}</translation>
    </message>
    <message>
      <location filename="../../ui/intake/address_fields.py" line="208" />
      <source>New address (after the 2025 reorganisation): {text}</source>
      <translation>Địa chỉ mới (sau sắp xếp năm 2025): {text}</translation>
    </message>
  </context>
  <context>
    <name>BackupTimer</name>
    <message>
      <location filename="../../ui/backup_timer.py" line="85" />
      <source>Automatic backup failed ({error}); the details are in the log.</source>
      <translation>Sao lưu tự động không thành công ({error}); chi tiết ghi trong nhật ký.</translation>
    </message>
  </context>
  <context>
    <name>ChangePasswordDialog</name>
    <message>
      <location filename="../../ui/login.py" line="147" />
      <source>Choose a new password</source>
      <translation>Đặt mật khẩu mới</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="149" />
      <source>{login}: this password was given to you (a new, demo or reset account). Choose your own password before you start work.
At least 8 characters with letters and digits, or 12 characters or more; not your login and not an easy one.</source>
      <translation>{login}: mật khẩu này do người khác cấp (tài khoản mới, dùng thử hoặc vừa đặt lại). Hãy đặt mật khẩu của riêng mình trước khi làm việc.
Ít nhất 8 ký tự có cả chữ và số, hoặc từ 12 ký tự trở lên; không chứa tên đăng nhập và không dễ đoán.</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="161" />
      <source>&amp;New password:</source>
      <translation>Mật khẩu &amp;mới:</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="162" />
      <source>&amp;Type it again:</source>
      <translation>&amp;Nhập lại:</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="168" />
      <source>Save and log in</source>
      <translation>Lưu và đăng nhập</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="170" />
      <source>Back</source>
      <translation>Quay lại</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="183" />
      <source>The two passwords differ: type the same password twice.</source>
      <translation>Hai lần nhập không giống nhau: hãy nhập cùng một mật khẩu hai lần.</translation>
    </message>
  </context>
  <context>
    <name>DocumentsTable</name>
    <message>
      <location filename="../../ui/intake/tables.py" line="21" />
      <source>Received</source>
      <translation>Đã nhận</translation>
    </message>
    <message>
      <location filename="../../ui/intake/tables.py" line="21" />
      <source>Document</source>
      <translation>Giấy tờ</translation>
    </message>
    <message>
      <location filename="../../ui/intake/tables.py" line="21" />
      <source>Originals</source>
      <translation>Bản chính</translation>
    </message>
    <message>
      <location filename="../../ui/intake/tables.py" line="22" />
      <source>Copies</source>
      <translation>Bản sao</translation>
    </message>
    <message>
      <location filename="../../ui/intake/tables.py" line="42" />
      <source> (if any)</source>
      <translation> (nếu có)</translation>
    </message>
  </context>
  <context>
    <name>FeesTable</name>
    <message>
      <location filename="../../ui/intake/tables.py" line="88" />
      <source>Fee</source>
      <translation>Phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/intake/tables.py" line="88" />
      <source>Rate</source>
      <translation>Mức thu</translation>
    </message>
    <message>
      <location filename="../../ui/intake/tables.py" line="88" />
      <source>Qty</source>
      <translation>Số lượng</translation>
    </message>
    <message>
      <location filename="../../ui/intake/tables.py" line="88" />
      <source>Amount</source>
      <translation>Thành tiền</translation>
    </message>
    <message>
      <location filename="../../ui/intake/tables.py" line="163" />
      <source>No fee for this procedure.</source>
      <translation>Thủ tục này không thu phí, lệ phí.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/tables.py" line="165" />
      <source>Total: {total}</source>
      <translation>Tổng cộng: {total}</translation>
    </message>
  </context>
  <context>
    <name>IntakeForm</name>
    <message>
      <location filename="../../ui/intake/page.py" line="173" />
      <source>All received (F4)</source>
      <translation>Đã nhận đủ (F4)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="603" />
      <source>Received on a day off: the processing time counts from {moment} (dossier {code}).</source>
      <translation>Tiếp nhận vào ngày nghỉ: thời hạn giải quyết tính từ {moment} (hồ sơ {code}).</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="605" />
      <source>Received after {cutoff}: the processing time counts from {moment} (dossier {code}).</source>
      <translation>Tiếp nhận sau {cutoff}: thời hạn giải quyết tính từ {moment} (hồ sơ {code}).</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="607" />
      <source>Received outside office hours: the processing time counts from {moment} (dossier {code}).</source>
      <translation>Tiếp nhận ngoài giờ làm việc: thời hạn giải quyết tính từ {moment} (hồ sơ {code}).</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="72" />
      <source>Type the procedure's name, code or sector (diacritics optional)</source>
      <translation>Gõ tên, mã hoặc lĩnh vực của thủ tục (không dấu cũng được)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="79" />
      <source>Citizen</source>
      <translation>Công dân</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="80" />
      <source>Organisation or business</source>
      <translation>Tổ chức, doanh nghiệp</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="87" />
      <source>dd/mm/yyyy</source>
      <translation>ngày/tháng/năm</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="91" />
      <source>Male</source>
      <translation>Nam</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="92" />
      <source>Female</source>
      <translation>Nữ</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="111" />
      <source>Applicant:</source>
      <translation>Đối tượng:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="112" />
      <location filename="../../ui/intake/page.py" line="351" />
      <source>Full name:</source>
      <translation>Họ và tên:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="114" />
      <location filename="../../ui/intake/page.py" line="352" />
      <source>CCCD number:</source>
      <translation>Số định danh cá nhân:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="116" />
      <source>Date of birth:</source>
      <translation>Ngày sinh:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="119" />
      <source>Sex:</source>
      <translation>Giới tính:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="129" />
      <source>Representative:</source>
      <translation>Người đại diện:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="131" />
      <source>Phone:</source>
      <translation>Điện thoại:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="132" />
      <source>E-mail:</source>
      <translation>Thư điện tử:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="133" />
      <source>Address:</source>
      <translation>Địa chỉ:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="134" />
      <source>Submitted:</source>
      <translation>Hình thức nộp:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="135" />
      <source>Applicant</source>
      <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="145" />
      <source>Why the dossier is received without them</source>
      <translation>Lý do vẫn tiếp nhận khi còn thiếu</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="151" />
      <source>Documents received</source>
      <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="164" />
      <source>Address for the result by post</source>
      <translation>Địa chỉ nhận kết quả qua bưu chính</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="170" />
      <source>Change the appointment</source>
      <translation>Đổi ngày hẹn trả</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="178" />
      <source>Reason for the change (recorded)</source>
      <translation>Lý do đổi hẹn (được ghi lại)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="181" />
      <source>Enter here saves the dossier</source>
      <translation>Nhấn Enter tại đây để lưu hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="184" />
      <source>Number of sets:</source>
      <translation>Số bộ hồ sơ:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="185" />
      <source>Result returned:</source>
      <translation>Nhận kết quả:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="186" />
      <source>Post to:</source>
      <translation>Gửi đến:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="187" />
      <source>Appointment:</source>
      <translation>Hẹn trả kết quả:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="189" />
      <source>Reason:</source>
      <translation>Lý do:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="190" />
      <source>Notes:</source>
      <translation>Ghi chú:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="191" />
      <source>Processing and result</source>
      <translation>Giải quyết và trả kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="232" />
      <source>Save and print (Ctrl+Enter)</source>
      <translation>Lưu và in (Ctrl+Enter)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="196" />
      <source>Cancel (Esc)</source>
      <translation>Hủy (Esc)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="206" />
      <source>Procedure:</source>
      <translation>Thủ tục:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="213" />
      <source>Fees</source>
      <translation>Phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="282" />
      <source>Choose the procedure first: its checklist, fees and processing time follow.</source>
      <translation>Chọn thủ tục trước: thành phần hồ sơ, phí, lệ phí và thời hạn giải quyết sẽ hiện theo.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="308" />
      <source>Filled in from the citizen ID card of {name}.</source>
      <translation>Đã điền từ thẻ căn cước của {name}.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="313" />
      <source>Queue ticket {number} goes with this dossier.</source>
      <translation>Phiếu thứ tự {number} được gắn với hồ sơ này.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="321" />
      <source>within the day</source>
      <translation>trong ngày</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="324" />
      <source>Sector: {sector} · Processing time: {time}</source>
      <translation>Lĩnh vực: {sector} · Thời hạn giải quyết: {time}</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="326" />
      <source>received after {cutoff} counts from the next working day</source>
      <translation>nhận sau {cutoff} được tính từ ngày làm việc kế tiếp</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="344" />
      <source>{time}, {day}</source>
      <translation>{time} ngày {day}</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="351" />
      <source>Organisation name:</source>
      <translation>Tên tổ chức:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="352" />
      <source>Tax code:</source>
      <translation>Mã số thuế:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="381" />
      <source>Mandatory documents not received: {names}. The dossier can only be received with a reason.</source>
      <translation>Chưa nhận giấy tờ bắt buộc: {names}. Chỉ tiếp nhận được khi ghi rõ lý do.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="396" />
      <source>Enter the applicant's name.</source>
      <translation>Chưa nhập họ tên người nộp hồ sơ.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="420" />
      <source>Choose the procedure from the list.</source>
      <translation>Chọn thủ tục trong danh sách.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="456" />
      <source>Saved dossier {code}.</source>
      <translation>Đã lưu hồ sơ {code}.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="472" />
      <source>Cancel intake</source>
      <translation>Hủy tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="473" />
      <source>Discard what has been entered for this dossier?</source>
      <translation>Bỏ những gì đã nhập cho hồ sơ này?</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="627" />
      <source>Saved dossier {code}. Still owed: {amount}.</source>
      <translation>Đã lưu hồ sơ {code}. Còn phải nộp: {amount}.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="629" />
      <source>Take the payment: {amount}</source>
      <translation>Thu phí: {amount}</translation>
    </message>
    <message>
      <location filename="../../ui/intake/page.py" line="649" />
      <source>Payment recorded for dossier {code}; still owed: {amount}.</source>
      <translation>Đã ghi nhận nộp tiền hồ sơ {code}; còn phải nộp: {amount}.</translation>
    </message>
  </context>
  <context>
    <name>IdentityFields</name>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>Identity checked by:</source>
      <translation>Kiểm tra danh tính:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>Filed on behalf of someone / by authorisation</source>
      <translation>Nộp thay / theo ủy quyền</translation>
    </message>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>Full name:</source>
      <translation>Họ và tên:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>Personal ID number:</source>
      <translation>Số định danh cá nhân:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>Address:</source>
      <translation>Địa chỉ:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>Phone:</source>
      <translation>Điện thoại:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>E-mail:</source>
      <translation>Thư điện tử:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>Authorisation:</source>
      <translation>Giấy ủy quyền:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>e.g. Authorisation paper no. … dated …</source>
      <translation>Ví dụ: Giấy ủy quyền số … ngày …</translation>
    </message>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>Principal (the person filed for)</source>
      <translation>Người ủy quyền (người được nộp thay)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/identity_fields.py" line="1" />
      <source>Filed on behalf of:</source>
      <translation>Nộp thay cho:</translation>
    </message>
  </context>
  <context>
    <name>LockDialog</name>
    <message>
      <location filename="../../ui/login.py" line="207" />
      <source>Screen locked</source>
      <translation>Màn hình đã khóa</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="209" />
      <source>The screen was locked after a period without activity.
{name} ({login}): enter your password to continue.</source>
      <translation>Màn hình đã khóa vì lâu không thao tác.
{name} ({login}): nhập mật khẩu để làm việc tiếp.</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="220" />
      <source>Unlock</source>
      <translation>Mở khóa</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="222" />
      <source>Log out</source>
      <translation>Đăng xuất</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../ui/login.py" line="47" />
      <source>Một Cửa: log in</source>
      <translation>Một Cửa: đăng nhập</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="50" />
      <source>Reception and result return</source>
      <translation>Tiếp nhận và trả kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="72" />
      <source>&amp;Login:</source>
      <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="73" />
      <source>&amp;Password:</source>
      <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="74" />
      <source>&amp;Counter:</source>
      <translation>&amp;Quầy:</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="82" />
      <source>Log in</source>
      <translation>Đăng nhập</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="84" />
      <source>Quit</source>
      <translation>Thoát</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="106" />
      <source>Enter your login and password.</source>
      <translation>Nhập tên đăng nhập và mật khẩu.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ui/main_window.py" line="74" />
      <source>Một Cửa: reception and result return</source>
      <translation>Một Cửa: tiếp nhận và trả kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="79" />
      <location filename="../../ui/main_window.py" line="129" />
      <source>Intake</source>
      <translation>Tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="79" />
      <location filename="../../ui/main_window.py" line="138" />
      <source>Dossiers</source>
      <translation>Hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="79" />
      <location filename="../../ui/main_window.py" line="148" />
      <source>Return results</source>
      <translation>Trả kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="80" />
      <source>Procedures</source>
      <translation>Tra cứu thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="80" />
      <location filename="../../ui/main_window.py" line="181" />
      <source>Reports</source>
      <translation>Báo cáo</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="80" />
      <source>Settings</source>
      <translation>Cài đặt</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="80" />
      <location filename="../../ui/main_window.py" line="159" />
      <source>Due, overdue</source>
      <translation>Đến hạn, quá hạn</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="81" />
      <source>Devices</source>
      <translation>Thiết bị</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="130" />
      <source>Your role cannot register dossiers. Volunteer guides help citizens file online.</source>
      <translation>Vai trò của bạn không tiếp nhận hồ sơ. Tình nguyện viên hướng dẫn người dân nộp trực tuyến.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="138" />
      <location filename="../../ui/main_window.py" line="159" />
      <source>Your role cannot view dossiers.</source>
      <translation>Vai trò của bạn không xem được hồ sơ.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="148" />
      <source>Your role cannot return results.</source>
      <translation>Vai trò của bạn không được trả kết quả.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="181" />
      <source>Your role cannot view reports.</source>
      <translation>Vai trò của bạn không được xem báo cáo.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="168" />
      <source>Guide desk</source>
      <translation>Bàn hướng dẫn</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="209" />
      <location filename="../../ui/main_window.py" line="231" />
      <source>Online dossiers</source>
      <translation>Hồ sơ trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="209" />
      <source>Portal sync</source>
      <translation>Đồng bộ cổng</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="230" />
      <source>Online dossiers ({n})</source>
      <translation>Hồ sơ trực tuyến ({n})</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="250" />
      <source>Queue</source>
      <translation>Hàng đợi</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="273" />
      <source>User: {who}</source>
      <translation>Người dùng: {who}</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="275" />
      <source>No counter</source>
      <translation>Chưa chọn quầy</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="329" />
      <source>Registered dossier {code}.</source>
      <translation>Đã tiếp nhận hồ sơ {code}.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="344" />
      <source>No dossier to print: register or select one first.</source>
      <translation>Chưa có hồ sơ để in: hãy tiếp nhận hoặc chọn một hồ sơ.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="357" />
      <source>Cannot open the dossier</source>
      <translation>Không mở được hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="282" />
      <source>Devices: none</source>
      <translation>Thiết bị: chưa có</translation>
    </message>
  </context>
  <context>
    <name>ProceduresPage</name>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="37" />
      <source>Name, code or sector of the procedure (diacritics optional)</source>
      <translation>Tên, mã hoặc lĩnh vực của thủ tục (không dấu cũng được)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="67" />
      <source>{n} procedures</source>
      <translation>{n} thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="71" />
      <source>No procedure matches.</source>
      <translation>Không có thủ tục phù hợp.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="80" />
      <source>Province</source>
      <translation>Cấp tỉnh</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="80" />
      <source>District</source>
      <translation>Cấp huyện</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="80" />
      <source>Commune</source>
      <translation>Cấp xã</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="81" />
      <source>Within the day</source>
      <translation>Trong ngày</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="83" />
      <source> (received after {cutoff}: counted from the next working day)</source>
      <translation> (nhận sau {cutoff} được tính từ ngày làm việc kế tiếp)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="84" />
      <source>Code not checked against the national database</source>
      <translation>Mã chưa đối chiếu với CSDL quốc gia</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="85" />
      <source>Procedure code</source>
      <translation>Mã thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="85" />
      <source>Sector</source>
      <translation>Lĩnh vực</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="86" />
      <source>Level</source>
      <translation>Cấp thực hiện</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="87" />
      <source>Processing time</source>
      <translation>Thời hạn giải quyết</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="89" />
      <source>Online service level (Decree 43/2011)</source>
      <translation>Mức độ dịch vụ công (NĐ 43/2011)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="91" />
      <source>Online service (Decree 42/2022)</source>
      <translation>Dịch vụ công trực tuyến (NĐ 42/2022)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="92" />
      <source>Result returned</source>
      <translation>Cách nhận kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="95" />
      <source>Documents</source>
      <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="95" />
      <source>Fees</source>
      <translation>Phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="95" />
      <source>No fee.</source>
      <translation>Không thu phí, lệ phí.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="96" />
      <source>Legal basis</source>
      <translation>Căn cứ pháp lý</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="99" />
      <source>{name}: {originals} original(s), {copies} copy(ies) ({need})</source>
      <translation>{name}: {originals} bản chính, {copies} bản sao ({need})</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="101" />
      <source>mandatory</source>
      <translation>bắt buộc</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/procedures_page.py" line="101" />
      <source>if any</source>
      <translation>nếu có</translation>
    </message>
  </context>
  <context>
    <name>ReceiptPreview</name>
    <message>
      <location filename="../../ui/intake/receipt_preview.py" line="66" />
      <source>Receipt for dossier {code}</source>
      <translation>Giấy tiếp nhận hồ sơ {code}</translation>
    </message>
    <message>
      <location filename="../../ui/intake/receipt_preview.py" line="67" />
      <source> (reprint)</source>
      <translation> (in lại)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/receipt_preview.py" line="76" />
      <source> (masked copy)</source>
      <translation> (bản che thông tin cá nhân)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/receipt_preview.py" line="91" />
      <source>Print… (Ctrl+P)</source>
      <translation>In… (Ctrl+P)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/receipt_preview.py" line="93" />
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <location filename="../../ui/intake/receipt_preview.py" line="123" />
      <source>The printer could not be started. Check it and try again.</source>
      <translation>Không khởi động được máy in. Kiểm tra máy in rồi thử lại.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/receipt_preview.py" line="125" />
      <source>Sent to {printer}.</source>
      <translation>Đã gửi đến {printer}.</translation>
    </message>
  </context>
  <context>
    <name>ReturnPage</name>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="48" />
      <source>Type or scan the dossier code on the receipt, then Enter</source>
      <translation>Gõ hoặc quét mã hồ sơ trên giấy tiếp nhận, rồi nhấn Enter</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="55" />
      <source>The applicant</source>
      <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="56" />
      <source>An authorised person</source>
      <translation>Người được ủy quyền</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="57" />
      <source>By post (BCCI)</source>
      <translation>Qua bưu chính công ích</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="68" />
      <source>e.g. EB123456789VN</source>
      <translation>ví dụ EB123456789VN</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="71" />
      <source>Return the result (Enter)</source>
      <translation>Trả kết quả (Enter)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="82" />
      <source>Handed to:</source>
      <translation>Giao cho:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="83" />
      <source>Full name:</source>
      <translation>Họ và tên:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="84" />
      <source>ID number:</source>
      <translation>Số giấy tờ tùy thân:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="85" />
      <source>Shipment code:</source>
      <translation>Mã vận đơn:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="86" />
      <source>Postal address:</source>
      <translation>Địa chỉ nhận:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="88" />
      <source>Who receives the result</source>
      <translation>Người nhận kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="96" />
      <source>Dossier code:</source>
      <translation>Mã hồ sơ:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="128" />
      <source>{name} · {procedure}
Status: {status} · due {due}</source>
      <translation>{name} · {procedure}
Trạng thái: {status} · hẹn trả {due}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="144" />
      <source>The result was already returned on {when}.</source>
      <translation>Kết quả đã được trả lúc {when}.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="147" />
      <source>The dossier is still being processed; its result is due {due}. There is no result to return yet.</source>
      <translation>Hồ sơ đang được xử lý, hẹn trả {due}: chưa có kết quả để trả.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="150" />
      <source>The dossier is waiting for a supplement from the applicant: no result yet.</source>
      <translation>Hồ sơ đang chờ người nộp bổ sung giấy tờ: chưa có kết quả.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="152" />
      <source>The applicant must first fulfil the financial obligation: no result yet.</source>
      <translation>Người nộp cần thực hiện nghĩa vụ tài chính trước: chưa có kết quả.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="153" />
      <source>The dossier is “{status}”: it has no result to return.</source>
      <translation>Hồ sơ ở trạng thái «{status}»: không có kết quả để trả.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="179" />
      <source>Enter the postal shipment code.</source>
      <translation>Nhập mã vận đơn bưu chính.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="193" />
      <source>Result of dossier {code} returned.</source>
      <translation>Đã trả kết quả hồ sơ {code}.</translation>
    </message>
  </context>
  <context>
    <name>main</name>
    <message>
      <location filename="../../ui/main.py" line="140" />
      <source>Demo accounts: {logins}; first password {password}, then each chooses its own</source>
      <translation>Tài khoản dùng thử: {logins}; mật khẩu lần đầu {password}, sau đó mỗi người tự đặt mật khẩu riêng</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="211" />
      <source>Preparing the receipt of {code}…</source>
      <translation>Đang chuẩn bị giấy tiếp nhận hồ sơ {code}…</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="236" />
      <source>Cannot print the receipt</source>
      <translation>Không in được giấy tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="238" />
      <source>The receipt could not be made. The dossier is saved; try printing it again (Ctrl+P).</source>
      <translation>Không tạo được giấy tiếp nhận. Hồ sơ đã được lưu; hãy in lại (Ctrl+P).</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="250" />
      <source>The default printer could not be started; the receipt is archived and can be reprinted.</source>
      <translation>Không khởi động được máy in mặc định; giấy tiếp nhận đã được lưu và có thể in lại.</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="254" />
      <source>Receipt {code} sent to {printer}.</source>
      <translation>Đã gửi giấy tiếp nhận {code} đến {printer}.</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="267" />
      <source>Cannot open the database</source>
      <translation>Không mở được cơ sở dữ liệu</translation>
    </message>
  </context>
  <context>
    <name>widgets</name>
    <message>
      <location filename="../../ui/widgets.py" line="69" />
      <source>Date «{text}» is not valid: write dd/mm/yyyy.</source>
      <translation>Ngày «{text}» không hợp lệ: viết theo dạng ngày/tháng/năm, ví dụ 05/09/1990.</translation>
    </message>
  </context>
</TS>