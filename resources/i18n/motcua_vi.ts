<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>DocumentsTable</name>
    <message>
      <location filename="../../ui/intake_tables.py" line="21" />
      <source>Received</source>
      <translation>Đã nhận</translation>
    </message>
    <message>
      <location filename="../../ui/intake_tables.py" line="21" />
      <source>Document</source>
      <translation>Giấy tờ</translation>
    </message>
    <message>
      <location filename="../../ui/intake_tables.py" line="21" />
      <source>Originals</source>
      <translation>Bản chính</translation>
    </message>
    <message>
      <location filename="../../ui/intake_tables.py" line="22" />
      <source>Copies</source>
      <translation>Bản sao</translation>
    </message>
    <message>
      <location filename="../../ui/intake_tables.py" line="42" />
      <source> (if any)</source>
      <translation> (nếu có)</translation>
    </message>
  </context>
  <context>
    <name>FeesTable</name>
    <message>
      <location filename="../../ui/intake_tables.py" line="88" />
      <source>Fee</source>
      <translation>Phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/intake_tables.py" line="88" />
      <source>Rate</source>
      <translation>Mức thu</translation>
    </message>
    <message>
      <location filename="../../ui/intake_tables.py" line="88" />
      <source>Qty</source>
      <translation>Số lượng</translation>
    </message>
    <message>
      <location filename="../../ui/intake_tables.py" line="88" />
      <source>Amount</source>
      <translation>Thành tiền</translation>
    </message>
    <message>
      <location filename="../../ui/intake_tables.py" line="163" />
      <source>No fee for this procedure.</source>
      <translation>Thủ tục này không thu phí, lệ phí.</translation>
    </message>
    <message>
      <location filename="../../ui/intake_tables.py" line="165" />
      <source>Total: {total}</source>
      <translation>Tổng cộng: {total}</translation>
    </message>
  </context>
  <context>
    <name>IntakeForm</name>
    <message>
      <location filename="../../ui/intake.py" line="73" />
      <source>Type the procedure's name, code or sector (diacritics optional)</source>
      <translation>Gõ tên, mã hoặc lĩnh vực của thủ tục (không dấu cũng được)</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="80" />
      <source>Citizen</source>
      <translation>Công dân</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="81" />
      <source>Organisation or business</source>
      <translation>Tổ chức, doanh nghiệp</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="88" />
      <source>dd/mm/yyyy</source>
      <translation>ngày/tháng/năm</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="92" />
      <source>Male</source>
      <translation>Nam</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="93" />
      <source>Female</source>
      <translation>Nữ</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="112" />
      <source>Applicant:</source>
      <translation>Đối tượng:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="113" />
      <location filename="../../ui/intake.py" line="352" />
      <source>Full name:</source>
      <translation>Họ và tên:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="115" />
      <location filename="../../ui/intake.py" line="353" />
      <source>CCCD number:</source>
      <translation>Số CCCD:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="117" />
      <source>Date of birth:</source>
      <translation>Ngày sinh:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="120" />
      <source>Sex:</source>
      <translation>Giới tính:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="130" />
      <source>Representative:</source>
      <translation>Người đại diện:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="132" />
      <source>Phone:</source>
      <translation>Điện thoại:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="133" />
      <source>E-mail:</source>
      <translation>Thư điện tử:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="134" />
      <source>Address:</source>
      <translation>Địa chỉ:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="135" />
      <source>Submitted:</source>
      <translation>Hình thức nộp:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="136" />
      <source>Applicant</source>
      <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="146" />
      <source>Why the dossier is received without them</source>
      <translation>Lý do vẫn tiếp nhận khi còn thiếu</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="152" />
      <source>Documents received</source>
      <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="165" />
      <source>Address for the result by post</source>
      <translation>Địa chỉ nhận kết quả qua bưu chính</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="171" />
      <source>Change the appointment</source>
      <translation>Đổi ngày hẹn trả</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="179" />
      <source>Reason for the change (recorded)</source>
      <translation>Lý do đổi hẹn (được ghi lại)</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="182" />
      <source>Enter here saves the dossier</source>
      <translation>Nhấn Enter tại đây để lưu hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="185" />
      <source>Number of sets:</source>
      <translation>Số bộ hồ sơ:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="186" />
      <source>Result returned:</source>
      <translation>Nhận kết quả:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="187" />
      <source>Post to:</source>
      <translation>Gửi đến:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="188" />
      <source>Appointment:</source>
      <translation>Hẹn trả kết quả:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="190" />
      <source>Reason:</source>
      <translation>Lý do:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="191" />
      <source>Notes:</source>
      <translation>Ghi chú:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="192" />
      <source>Processing and result</source>
      <translation>Giải quyết và trả kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="195" />
      <source>Save and print (Enter)</source>
      <translation>Lưu và in (Enter)</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="197" />
      <source>Cancel (Esc)</source>
      <translation>Hủy (Esc)</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="207" />
      <source>Procedure:</source>
      <translation>Thủ tục:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="214" />
      <source>Fees</source>
      <translation>Phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="283" />
      <source>Choose the procedure first: its checklist, fees and processing time follow.</source>
      <translation>Chọn thủ tục trước: thành phần hồ sơ, phí, lệ phí và thời hạn giải quyết sẽ hiện theo.</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="309" />
      <source>Filled in from the citizen ID card of {name}.</source>
      <translation>Đã điền từ thẻ căn cước của {name}.</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="314" />
      <source>Queue ticket {number} goes with this dossier.</source>
      <translation>Phiếu thứ tự {number} được gắn với hồ sơ này.</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="322" />
      <source>within the day</source>
      <translation>trong ngày</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="325" />
      <source>Sector: {sector} · Processing time: {time}</source>
      <translation>Lĩnh vực: {sector} · Thời hạn giải quyết: {time}</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="327" />
      <source>received after {cutoff} counts from the next working day</source>
      <translation>nhận sau {cutoff} được tính từ ngày làm việc kế tiếp</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="345" />
      <source>{time}, {day}</source>
      <translation>{time} ngày {day}</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="352" />
      <source>Organisation name:</source>
      <translation>Tên tổ chức:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="353" />
      <source>Tax code:</source>
      <translation>Mã số thuế:</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="382" />
      <source>Mandatory documents not received: {names}. The dossier can only be received with a reason.</source>
      <translation>Chưa nhận giấy tờ bắt buộc: {names}. Chỉ tiếp nhận được khi ghi rõ lý do.</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="397" />
      <source>Enter the applicant's name.</source>
      <translation>Chưa nhập họ tên người nộp hồ sơ.</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="421" />
      <source>Choose the procedure from the list.</source>
      <translation>Chọn thủ tục trong danh sách.</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="457" />
      <source>Saved dossier {code}.</source>
      <translation>Đã lưu hồ sơ {code}.</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="473" />
      <source>Cancel intake</source>
      <translation>Hủy tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/intake.py" line="474" />
      <source>Discard what has been entered for this dossier?</source>
      <translation>Bỏ những gì đã nhập cho hồ sơ này?</translation>
    </message>
  </context>
  <context>
    <name>LockDialog</name>
    <message>
      <location filename="../../ui/login.py" line="126" />
      <source>Screen locked</source>
      <translation>Màn hình đã khóa</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="128" />
      <source>The screen was locked after a period without activity.
{name} ({login}): enter your password to continue.</source>
      <translation>Màn hình đã khóa vì lâu không thao tác.
{name} ({login}): nhập mật khẩu để làm việc tiếp.</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="139" />
      <source>Unlock</source>
      <translation>Mở khóa</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="141" />
      <source>Log out</source>
      <translation>Đăng xuất</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../../ui/login.py" line="45" />
      <source>Một Cửa: log in</source>
      <translation>Một Cửa: đăng nhập</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="48" />
      <source>Reception and result return</source>
      <translation>Tiếp nhận và trả kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="70" />
      <source>&amp;Login:</source>
      <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="71" />
      <source>&amp;Password:</source>
      <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="72" />
      <source>&amp;Counter:</source>
      <translation>&amp;Quầy:</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="80" />
      <source>Log in</source>
      <translation>Đăng nhập</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="82" />
      <source>Quit</source>
      <translation>Thoát</translation>
    </message>
    <message>
      <location filename="../../ui/login.py" line="104" />
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
      <location filename="../../ui/main_window.py" line="130" />
      <source>Intake</source>
      <translation>Tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="79" />
      <location filename="../../ui/main_window.py" line="139" />
      <source>Dossiers</source>
      <translation>Hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="79" />
      <location filename="../../ui/main_window.py" line="151" />
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
      <location filename="../../ui/main_window.py" line="172" />
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
      <location filename="../../ui/main_window.py" line="162" />
      <source>Due, overdue</source>
      <translation>Đến hạn, quá hạn</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="81" />
      <source>Devices</source>
      <translation>Thiết bị</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="131" />
      <source>Your role cannot register dossiers. Volunteer guides help citizens file online.</source>
      <translation>Vai trò của bạn không tiếp nhận hồ sơ. Tình nguyện viên hướng dẫn người dân nộp trực tuyến.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="139" />
      <location filename="../../ui/main_window.py" line="162" />
      <source>Your role cannot view dossiers.</source>
      <translation>Vai trò của bạn không xem được hồ sơ.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="151" />
      <source>Your role cannot return results.</source>
      <translation>Vai trò của bạn không được trả kết quả.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="172" />
      <source>Your role cannot view reports.</source>
      <translation>Vai trò của bạn không được xem báo cáo.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="192" />
      <source>Guide desk</source>
      <translation>Bàn hướng dẫn</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="211" />
      <location filename="../../ui/main_window.py" line="233" />
      <source>Online dossiers</source>
      <translation>Hồ sơ trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="211" />
      <source>Portal sync</source>
      <translation>Đồng bộ cổng</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="232" />
      <source>Online dossiers ({n})</source>
      <translation>Hồ sơ trực tuyến ({n})</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="252" />
      <source>Queue</source>
      <translation>Hàng đợi</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="275" />
      <source>User: {who}</source>
      <translation>Người dùng: {who}</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="277" />
      <source>No counter</source>
      <translation>Chưa chọn quầy</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="331" />
      <source>Registered dossier {code}.</source>
      <translation>Đã tiếp nhận hồ sơ {code}.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="346" />
      <source>No dossier to print: register or select one first.</source>
      <translation>Chưa có hồ sơ để in: hãy tiếp nhận hoặc chọn một hồ sơ.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="359" />
      <source>Cannot open the dossier</source>
      <translation>Không mở được hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="284" />
      <source>Devices: none</source>
      <translation>Thiết bị: chưa có</translation>
    </message>
  </context>
  <context>
    <name>ProceduresPage</name>
    <message>
      <location filename="../../ui/procedures_page.py" line="37" />
      <source>Name, code or sector of the procedure (diacritics optional)</source>
      <translation>Tên, mã hoặc lĩnh vực của thủ tục (không dấu cũng được)</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="67" />
      <source>{n} procedures</source>
      <translation>{n} thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="71" />
      <source>No procedure matches.</source>
      <translation>Không có thủ tục phù hợp.</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="80" />
      <source>Province</source>
      <translation>Cấp tỉnh</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="80" />
      <source>District</source>
      <translation>Cấp huyện</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="80" />
      <source>Commune</source>
      <translation>Cấp xã</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="81" />
      <source>Within the day</source>
      <translation>Trong ngày</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="83" />
      <source> (received after {cutoff}: counted from the next working day)</source>
      <translation> (nhận sau {cutoff} được tính từ ngày làm việc kế tiếp)</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="84" />
      <source> (sample code, not verified)</source>
      <translation> (mã mẫu, chưa đối chiếu)</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="85" />
      <source>Procedure code</source>
      <translation>Mã thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="85" />
      <source>Sector</source>
      <translation>Lĩnh vực</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="86" />
      <source>Level</source>
      <translation>Cấp thực hiện</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="87" />
      <source>Processing time</source>
      <translation>Thời hạn giải quyết</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="89" />
      <source>Online service level (Decree 43/2011)</source>
      <translation>Mức độ dịch vụ công (NĐ 43/2011)</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="91" />
      <source>Online service (Decree 42/2022)</source>
      <translation>Dịch vụ công trực tuyến (NĐ 42/2022)</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="92" />
      <source>Result returned</source>
      <translation>Cách nhận kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="95" />
      <source>Documents</source>
      <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="95" />
      <source>Fees</source>
      <translation>Phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="95" />
      <source>No fee.</source>
      <translation>Không thu phí, lệ phí.</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="96" />
      <source>Legal basis</source>
      <translation>Căn cứ pháp lý</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="99" />
      <source>{name}: {originals} original(s), {copies} copy(ies) ({need})</source>
      <translation>{name}: {originals} bản chính, {copies} bản sao ({need})</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="101" />
      <source>mandatory</source>
      <translation>bắt buộc</translation>
    </message>
    <message>
      <location filename="../../ui/procedures_page.py" line="101" />
      <source>if any</source>
      <translation>nếu có</translation>
    </message>
  </context>
  <context>
    <name>ReceiptPreview</name>
    <message>
      <location filename="../../ui/receipt_preview.py" line="66" />
      <source>Receipt for dossier {code}</source>
      <translation>Giấy tiếp nhận hồ sơ {code}</translation>
    </message>
    <message>
      <location filename="../../ui/receipt_preview.py" line="67" />
      <source> (reprint)</source>
      <translation> (in lại)</translation>
    </message>
    <message>
      <location filename="../../ui/receipt_preview.py" line="91" />
      <source>Print… (Ctrl+P)</source>
      <translation>In… (Ctrl+P)</translation>
    </message>
    <message>
      <location filename="../../ui/receipt_preview.py" line="93" />
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <location filename="../../ui/receipt_preview.py" line="123" />
      <source>The printer could not be started. Check it and try again.</source>
      <translation>Không khởi động được máy in. Kiểm tra máy in rồi thử lại.</translation>
    </message>
    <message>
      <location filename="../../ui/receipt_preview.py" line="125" />
      <source>Sent to {printer}.</source>
      <translation>Đã gửi đến {printer}.</translation>
    </message>
  </context>
  <context>
    <name>ReturnPage</name>
    <message>
      <location filename="../../ui/return_page.py" line="48" />
      <source>Type or scan the dossier code on the receipt, then Enter</source>
      <translation>Gõ hoặc quét mã hồ sơ trên giấy tiếp nhận, rồi nhấn Enter</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="55" />
      <source>The applicant</source>
      <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="56" />
      <source>An authorised person</source>
      <translation>Người được ủy quyền</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="57" />
      <source>By post (BCCI)</source>
      <translation>Qua bưu chính công ích</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="68" />
      <source>e.g. EB123456789VN</source>
      <translation>ví dụ EB123456789VN</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="71" />
      <source>Return the result (Enter)</source>
      <translation>Trả kết quả (Enter)</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="82" />
      <source>Handed to:</source>
      <translation>Giao cho:</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="83" />
      <source>Full name:</source>
      <translation>Họ và tên:</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="84" />
      <source>ID number:</source>
      <translation>Số giấy tờ tùy thân:</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="85" />
      <source>Shipment code:</source>
      <translation>Mã vận đơn:</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="86" />
      <source>Postal address:</source>
      <translation>Địa chỉ nhận:</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="88" />
      <source>Who receives the result</source>
      <translation>Người nhận kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="96" />
      <source>Dossier code:</source>
      <translation>Mã hồ sơ:</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="128" />
      <source>{name} · {procedure}
Status: {status} · due {due}</source>
      <translation>{name} · {procedure}
Trạng thái: {status} · hẹn trả {due}</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="144" />
      <source>The result was already returned on {when}.</source>
      <translation>Kết quả đã được trả lúc {when}.</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="147" />
      <source>The dossier is still being processed; its result is due {due}. There is no result to return yet.</source>
      <translation>Hồ sơ đang được xử lý, hẹn trả {due}: chưa có kết quả để trả.</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="150" />
      <source>The dossier is waiting for a supplement from the applicant: no result yet.</source>
      <translation>Hồ sơ đang chờ người nộp bổ sung giấy tờ: chưa có kết quả.</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="152" />
      <source>The applicant must first fulfil the financial obligation: no result yet.</source>
      <translation>Người nộp cần thực hiện nghĩa vụ tài chính trước: chưa có kết quả.</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="153" />
      <source>The dossier is “{status}”: it has no result to return.</source>
      <translation>Hồ sơ ở trạng thái «{status}»: không có kết quả để trả.</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="179" />
      <source>Enter the postal shipment code.</source>
      <translation>Nhập mã vận đơn bưu chính.</translation>
    </message>
    <message>
      <location filename="../../ui/return_page.py" line="193" />
      <source>Result of dossier {code} returned.</source>
      <translation>Đã trả kết quả hồ sơ {code}.</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../../ui/settings_page.py" line="36" />
      <source> min</source>
      <translation> phút</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="53" />
      <source>Empty: as in the office record</source>
      <translation>Để trống: lấy theo thông tin cơ quan</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="59" />
      <source>Empty: no portal, this office numbers its own dossiers</source>
      <translation>Để trống: không đồng bộ, cơ quan tự cấp mã hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="73" />
      <source>Public service portal</source>
      <translation>Cổng dịch vụ công</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="85" />
      <source>Counter and receipt</source>
      <translation>Quầy và giấy tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="91" />
      <source>Save settings</source>
      <translation>Lưu cài đặt</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="109" />
      <source>Only an administrator can change these settings.</source>
      <translation>Chỉ quản trị viên được thay đổi các cài đặt này.</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="143" />
      <source>Settings saved.</source>
      <translation>Đã lưu cài đặt.</translation>
    </message>
  </context>
  <context>
    <name>main</name>
    <message>
      <location filename="../../ui/main.py" line="138" />
      <source>Demo accounts: {logins}; password {password}</source>
      <translation>Tài khoản dùng thử: {logins}; mật khẩu {password}</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="201" />
      <source>Preparing the receipt of {code}…</source>
      <translation>Đang chuẩn bị giấy tiếp nhận hồ sơ {code}…</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="226" />
      <source>Cannot print the receipt</source>
      <translation>Không in được giấy tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="228" />
      <source>The receipt could not be made. The dossier is saved; try printing it again (Ctrl+P).</source>
      <translation>Không tạo được giấy tiếp nhận. Hồ sơ đã được lưu; hãy in lại (Ctrl+P).</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="240" />
      <source>The default printer could not be started; the receipt is archived and can be reprinted.</source>
      <translation>Không khởi động được máy in mặc định; giấy tiếp nhận đã được lưu và có thể in lại.</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="244" />
      <source>Receipt {code} sent to {printer}.</source>
      <translation>Đã gửi giấy tiếp nhận {code} đến {printer}.</translation>
    </message>
    <message>
      <location filename="../../ui/main.py" line="257" />
      <source>Cannot open the database</source>
      <translation>Không mở được cơ sở dữ liệu</translation>
    </message>
  </context>
  <context>
    <name>widgets</name>
    <message>
      <location filename="../../ui/widgets.py" line="58" />
      <source>Date «{text}» is not valid: write dd/mm/yyyy.</source>
      <translation>Ngày «{text}» không hợp lệ: viết theo dạng ngày/tháng/năm, ví dụ 05/09/1990.</translation>
    </message>
  </context>
</TS>