<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>ActionBar</name>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="108" />
      <source>Print a form…</source>
      <translation>In biểu mẫu…</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="155" />
      <source>{form} · {code}: print it for the applicant</source>
      <translation>{form} · {code}: in và giao cho người nộp hồ sơ</translation>
    </message>
  </context>
  <context>
    <name>ActionDialog</name>
    <message>
      <source>The dossier still owes {amount}: collect it first (“Thu phí”), or return the result with a written reason and a supervisor's leave.</source>
      <translation>Hồ sơ còn phải nộp {amount}: thu phí trước («Thu phí»), hoặc trả kết quả khi có lý do ghi rõ và lãnh đạo cho phép.</translation>
    </message>
    <message>
      <source>Reason for returning unpaid:</source>
      <translation>Lý do trả khi chưa nộp đủ:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="55" />
      <source>Specialist division:</source>
      <translation>Phòng chuyên môn:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="57" />
      <source>Handed over by:</source>
      <translation>Người giao:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="58" />
      <source>Received by:</source>
      <translation>Người nhận:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="64" />
      <source>New return time:</source>
      <translation>Thời điểm hẹn trả mới:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="66" />
      <source>Collected by:</source>
      <translation>Người nhận kết quả:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="67" />
      <source>ID number:</source>
      <translation>Số giấy tờ tùy thân:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="91" />
      <source>Items to add or complete (one per line):</source>
      <translation>Nội dung cần bổ sung, hoàn thiện (mỗi dòng một nội dung):</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="92" />
      <source>Specific reason:</source>
      <translation>Lý do cụ thể:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="93" />
      <source>Contact for guidance:</source>
      <translation>Người hướng dẫn (liên hệ):</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="94" />
      <source>Contact phone:</source>
      <translation>Số điện thoại liên hệ:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="95" />
      <source>the office's phone</source>
      <translation>số điện thoại của cơ quan</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="98" />
      <source>This dossier was already asked for a supplement {n} time(s). Decree 118/2025 Art. 11 allows one request: another needs its ground and a supervisor's approval.</source>
      <translation>Hồ sơ đã được yêu cầu bổ sung {n} lần. Điều 11 Nghị định 118/2025/NĐ-CP chỉ cho yêu cầu bổ sung một lần: yêu cầu thêm cần ghi căn cứ và được lãnh đạo phê duyệt.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="105" />
      <source>Ground for asking again:</source>
      <translation>Căn cứ yêu cầu bổ sung thêm:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="107" />
      <source>Approving supervisor (login):</source>
      <translation>Lãnh đạo phê duyệt (tên đăng nhập):</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="108" />
      <source>Supervisor's password:</source>
      <translation>Mật khẩu của lãnh đạo:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="70" />
      <source>Reason:</source>
      <translation>Lý do:</translation>
    </message>
    <message>
      <source>Type part of the name, e.g. van hoa</source>
      <translation>Gõ một phần tên, ví dụ: van hoa</translation>
    </message>
    <message>
      <source>early, before its due time {due}</source>
      <translation>sớm hạn, trước thời điểm hẹn trả {due}</translation>
    </message>
    <message>
      <source>on time (due {due})</source>
      <translation>đúng hạn (hẹn trả {due})</translation>
    </message>
    <message>
      <source>late: it was due {due}</source>
      <translation>trễ hạn: hẹn trả là {due}</translation>
    </message>
    <message>
      <source>Dossier {code} ({name}) moves to “{status}” now, {when}: {timing}.</source>
      <translation>Hồ sơ {code} ({name}) chuyển sang «{status}» ngay lúc này, {when}: {timing}.</translation>
    </message>
    <message>
      <source>The result then waits to be sent by post to {address}: record the shipment code on the “Return result” page.</source>
      <translation>Kết quả sau đó chờ gửi qua bưu chính đến {address}: ghi mã bưu gửi ở trang «Trả kết quả».</translation>
    </message>
    <message>
      <source>The result then waits at the counter: the citizen brings the receipt, and the “Return result” page hands it over.</source>
      <translation>Kết quả sau đó chờ trả tại quầy: công dân mang giấy tiếp nhận đến, cán bộ trả ở trang «Trả kết quả».</translation>
    </message>
    <message>
      <source>The public service portal learns it at the next sync: the citizen can look the new status up there.</source>
      <translation>Cổng dịch vụ công được báo ở lượt đồng bộ tới: công dân tra cứu được trạng thái mới trên cổng.</translation>
    </message>
    <message>
      <source>This cannot be undone: confirm only when the result is really here.</source>
      <translation>Không hoàn tác được: chỉ xác nhận khi đã thật sự có kết quả.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/actions.py" line="206" />
      <source>The dossier still owes {amount}: remind the applicant when they come for the result.</source>
      <translation>Hồ sơ còn phải nộp {amount}: nhắc người nộp khi đến nhận kết quả.</translation>
    </message>
  </context>
  <context>
    <name>DossierDetailDialog</name>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="1" />
      <source>Digitized files</source>
      <translation>Tệp số hóa</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="61" />
      <source>Dossier {code}</source>
      <translation>Hồ sơ {code}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="81" />
      <source>Documents</source>
      <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="82" />
      <source>Fees</source>
      <translation>Phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="80" />
      <source>History</source>
      <translation>Quá trình xử lý</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="89" />
      <source>Reprint the receipt</source>
      <translation>In lại giấy tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="99" />
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="163" />
      <source>Code:</source>
      <translation>Mã hồ sơ:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="164" />
      <source>Status:</source>
      <translation>Trạng thái:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="165" />
      <source>Procedure:</source>
      <translation>Thủ tục:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="166" />
      <source>Sector:</source>
      <translation>Lĩnh vực:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="167" />
      <source>Channel:</source>
      <translation>Kênh:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="168" />
      <source>Received:</source>
      <translation>Ngày tiếp nhận:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="169" />
      <source>Due:</source>
      <translation>Hẹn trả kết quả:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="170" />
      <source>Finished:</source>
      <translation>Ngày xử lý xong:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="171" />
      <source>Result returned on:</source>
      <translation>Ngày trả kết quả:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="172" />
      <source>Result returned:</source>
      <translation>Nhận kết quả:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="175" />
      <source>Post to:</source>
      <translation>Gửi đến:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="176" />
      <source>Number of sets:</source>
      <translation>Số bộ hồ sơ:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="177" />
      <source>Fees total:</source>
      <translation>Tổng phí, lệ phí:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="178" />
      <source>Summary:</source>
      <translation>Trích yếu:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="179" />
      <source>Notes:</source>
      <translation>Ghi chú:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="180" />
      <source>Dossier</source>
      <translation>Hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="186" />
      <source>Applicant:</source>
      <translation>Đối tượng:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="187" />
      <source>Organisation name:</source>
      <translation>Tên tổ chức:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="187" />
      <source>Full name:</source>
      <translation>Họ và tên:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="188" />
      <source>Tax code:</source>
      <translation>Mã số thuế:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="188" />
      <source>CCCD number:</source>
      <translation>Số định danh cá nhân:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="191" />
      <source>Date of birth:</source>
      <translation>Ngày sinh:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="192" />
      <source>Sex:</source>
      <translation>Giới tính:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="193" />
      <source>Phone:</source>
      <translation>Điện thoại:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="194" />
      <source>E-mail:</source>
      <translation>Thư điện tử:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="195" />
      <source>Address:</source>
      <translation>Địa chỉ:</translation>
    </message>
    <message>
      <source>Address as first given (before 2025):</source>
      <translation>Địa chỉ như đã ghi ban đầu (trước năm 2025):</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="196" />
      <source>Representative:</source>
      <translation>Người đại diện:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="205" />
      <source>Personal data is partly hidden for your role.</source>
      <translation>Thông tin cá nhân (số định danh, điện thoại, email, ngày sinh, địa chỉ) được che một phần theo vai trò của bạn.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="197" />
      <source>Applicant</source>
      <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="235" />
      <source>No documents recorded.</source>
      <translation>Không ghi nhận giấy tờ nào.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="236" />
      <source>Yes</source>
      <translation>Có</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="236" />
      <source>No</source>
      <translation>Không</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="239" />
      <source>Document</source>
      <translation>Giấy tờ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="239" />
      <source>Originals</source>
      <translation>Bản chính</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="240" />
      <source>Copies</source>
      <translation>Bản sao</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="240" />
      <source>Mandatory</source>
      <translation>Bắt buộc</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="240" />
      <source>Received</source>
      <translation>Đã nhận</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="265" />
      <source>Time</source>
      <translation>Thời gian</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="265" />
      <source>Action</source>
      <translation>Thao tác</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="265" />
      <source>Status</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail.py" line="266" />
      <source>Note</source>
      <translation>Ghi chú</translation>
    </message>
  </context>
  <context>
    <name>DossierListPage</name>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="59" />
      <source>Dossier code, CCCD number, phone or full name (diacritics optional)</source>
      <translation>Mã hồ sơ, số định danh, điện thoại hoặc họ tên (không dấu cũng được)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="128" />
      <source>All statuses</source>
      <translation>Tất cả trạng thái</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="136" />
      <source>All procedures</source>
      <translation>Tất cả thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="150" />
      <source>All channels</source>
      <translation>Tất cả các kênh</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="155" />
      <source>Received from</source>
      <translation>Nhận từ ngày</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="164" />
      <source>Overdue dossiers only</source>
      <translation>Chỉ hồ sơ quá hạn</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="166" />
      <source>Clear filters</source>
      <translation>Xóa lọc</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="178" />
      <source>Status:</source>
      <translation>Trạng thái:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="180" />
      <source>Procedure:</source>
      <translation>Thủ tục:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="182" />
      <source>Channel:</source>
      <translation>Kênh:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="187" />
      <source>to</source>
      <translation>đến</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="258" />
      <source>No dossier found.</source>
      <translation>Không tìm thấy hồ sơ nào.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="260" />
      <source>Showing {n}+ dossiers (scroll for more)</source>
      <translation>Đang hiển thị {n}+ hồ sơ (cuộn xuống để xem thêm)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="262" />
      <source>Showing {n} dossiers</source>
      <translation>Đang hiển thị {n} hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/list_page.py" line="157" />
      <source>Fees owed</source>
      <translation>Còn nợ phí</translation>
    </message>
  </context>
  <context>
    <name>DossierTableModel</name>
    <message>
      <location filename="../../ui/dossiers/model.py" line="56" />
      <source>Code</source>
      <translation>Mã hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/model.py" line="56" />
      <source>Applicant</source>
      <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/model.py" line="56" />
      <source>CCCD/Tax code</source>
      <translation>CCCD/MST</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/model.py" line="56" />
      <source>Phone</source>
      <translation>Điện thoại</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/model.py" line="57" />
      <source>Procedure</source>
      <translation>Thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/model.py" line="57" />
      <source>Channel</source>
      <translation>Kênh</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/model.py" line="57" />
      <source>Status</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/model.py" line="57" />
      <source>Received on</source>
      <translation>Ngày nhận</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/model.py" line="58" />
      <source>Due on</source>
      <translation>Hẹn trả</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/model.py" line="59" />
      <source>Overdue</source>
      <translation>Quá hạn</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/model.py" line="59" />
      <source>Due within one working day</source>
      <translation>Đến hạn trong một ngày</translation>
    </message>
  </context>
  <context>
    <name>PaymentDialog</name>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="30" />
      <source>Record a payment · {code}</source>
      <translation>Ghi nhận nộp phí · {code}</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="34" />
      <source>Still owed:</source>
      <translation>Còn phải nộp:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="38" />
      <source>Amount paid (đồng):</source>
      <translation>Số tiền nộp (đồng):</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="43" />
      <source>Paid by:</source>
      <translation>Hình thức nộp:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="46" />
      <source>Bank or portal transaction code</source>
      <translation>Mã giao dịch ngân hàng hoặc cổng dịch vụ công</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="47" />
      <source>Transaction code:</source>
      <translation>Mã giao dịch:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="91" />
      <source>Payer:</source>
      <translation>Người nộp tiền:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="113" />
      <source>Paper receipt handed over (optional)</source>
      <translation>Biên lai giấy đã giao (nếu có)</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="116" />
      <source>Template:</source>
      <translation>Mẫu số:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="117" />
      <source>Symbol:</source>
      <translation>Ký hiệu:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="118" />
      <source>Number:</source>
      <translation>Số:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="138" />
      <source>Print the payment slip</source>
      <translation>In phiếu ghi nhận nộp tiền</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="192" />
      <source>Recorded {amount}; still owed: {owed}.</source>
      <translation>Đã ghi nhận {amount}; còn phải nộp: {owed}.</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="196" />
      <source>Receipt: {state}</source>
      <translation>Biên lai: {state}</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="199" />
      <source>The receipt is not issued yet: hand over the payment slip meanwhile (it is not a receipt).</source>
      <translation>Biên lai chưa được phát hành: trong khi chờ, in phiếu ghi nhận nộp tiền giao người nộp (phiếu này không phải biên lai).</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="208" />
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <location filename="../../ui/intake/payment_dialog.py" line="232" />
      <source>Payment slip · {code}</source>
      <translation>Phiếu ghi nhận nộp tiền · {code}</translation>
    </message>
  </context>
  <context>
    <name>WatchPage</name>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="51" />
      <source>Due and overdue dossiers</source>
      <translation>Hồ sơ đến hạn, quá hạn</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="57" />
      <source>Only dossiers I received</source>
      <translation>Chỉ hồ sơ tôi tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="64" />
      <source>Refresh (Ctrl+R)</source>
      <translation>Làm mới (Ctrl+R)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="88" />
      <source>Open the dossier (Enter)</source>
      <translation>Mở hồ sơ (Enter)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="95" />
      <source>A dossier that will be late is extended with the apology letter, printed for the applicant at once.</source>
      <translation>Hồ sơ sắp trễ hạn được gia hạn kèm văn bản xin lỗi, in ngay để giao cho người nộp hồ sơ.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="111" />
      <source>Code</source>
      <translation>Mã hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="111" />
      <source>Applicant</source>
      <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="111" />
      <source>Procedure</source>
      <translation>Thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="112" />
      <source>Status</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="112" />
      <source>Due</source>
      <translation>Hẹn trả</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="113" />
      <source>Late by</source>
      <translation>Đã trễ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="113" />
      <source>Time left</source>
      <translation>Còn lại</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="144" />
      <source>Overdue ({n})</source>
      <translation>Quá hạn ({n})</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="144" />
      <source>Due today ({n})</source>
      <translation>Đến hạn hôm nay ({n})</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="145" />
      <source>Due by the end of the next working day ({n})</source>
      <translation>Đến hạn trong ngày làm việc tiếp theo ({n})</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="150" />
      <source>· the first {n} shown</source>
      <translation>· hiển thị {n} hồ sơ đầu</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="153" />
      <source>Updated at {time}</source>
      <translation>Cập nhật lúc {time}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="176" />
      <source>{d} d {h} h</source>
      <translation>{d} ngày {h} giờ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="176" />
      <source>{d} d</source>
      <translation>{d} ngày</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="178" />
      <source>{h} h {m} min</source>
      <translation>{h} giờ {m} phút</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="178" />
      <source>{h} h</source>
      <translation>{h} giờ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="179" />
      <source>{m} min</source>
      <translation>{m} phút</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/watch_page.py" line="59" />
      <source>Fees owed</source>
      <translation>Còn nợ phí</translation>
    </message>
  </context>
  <context>
    <name>DossierFilesPanel</name>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Document, file</source>
      <translation>Giấy tờ, tệp</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Digitization</source>
      <translation>Số hóa</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Paper pages</source>
      <translation>Số trang giấy</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Pages</source>
      <translation>Số trang tệp</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Size</source>
      <translation>Dung lượng</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Open the file</source>
      <translation>Mở tệp</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Digitize documents…</source>
      <translation>Số hóa thành phần…</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Attach the result…</source>
      <translation>Đính kèm kết quả…</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Only once the dossier has its result.</source>
      <translation>Chỉ đính kèm khi hồ sơ đã có kết quả.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Choose files…</source>
      <translation>Chọn tệp…</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Scan the result…</source>
      <translation>Quét kết quả…</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Not received</source>
      <translation>Không nhận</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Result documents</source>
      <translation>Tài liệu kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>None yet</source>
      <translation>Chưa có</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>File {n} ({kind})</source>
      <translation>Tệp {n} ({kind})</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Enter or double-click opens it</source>
      <translation>Nhấn Enter hoặc bấm đúp để mở</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>result</source>
      <translation>kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>document {n}</source>
      <translation>thành phần {n}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_files.py" line="1" />
      <source>Result files of {code}</source>
      <translation>Tệp kết quả của hồ sơ {code}</translation>
    </message>
  </context>
  <context>
    <name>FileViewer</name>
    <message>
      <location filename="../../ui/dossiers/file_viewer.py" line="1" />
      <source>This file cannot be shown: it is damaged or not what its type says.</source>
      <translation>Không hiển thị được tệp này: tệp hỏng hoặc không đúng loại đã ghi.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/file_viewer.py" line="1" />
      <source>Print… (Ctrl+P)</source>
      <translation>In… (Ctrl+P)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/file_viewer.py" line="1" />
      <source>Save a copy…</source>
      <translation>Lưu bản sao…</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/file_viewer.py" line="1" />
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/file_viewer.py" line="1" />
      <source>The printer could not be started. Check it and try again.</source>
      <translation>Không khởi động được máy in. Kiểm tra máy in rồi thử lại.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/file_viewer.py" line="1" />
      <source>Sent to {printer}.</source>
      <translation>Đã gửi đến {printer}.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/file_viewer.py" line="1" />
      <source>Save a copy</source>
      <translation>Lưu bản sao</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/file_viewer.py" line="1" />
      <source>Same type (*{suffix})</source>
      <translation>Cùng loại (*{suffix})</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/file_viewer.py" line="1" />
      <source>Could not save the copy to {path}: {why}.</source>
      <translation>Không lưu được bản sao vào {path}: {why}.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/file_viewer.py" line="1" />
      <source>Copy saved: {path}</source>
      <translation>Đã lưu bản sao: {path}</translation>
    </message>
  </context>
  <context>
    <name>FeePanel</name>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="169" />
      <source>Payments</source>
      <translation>Các khoản đã nộp</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="173" />
      <source>Receipts</source>
      <translation>Biên lai</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="186" />
      <source>No fee.</source>
      <translation>Không thu phí.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="193" />
      <source>Paid: {how}, {when}</source>
      <translation>Đã nộp: {how}, {when}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="195" />
      <source>Still owed</source>
      <translation>Còn phải nộp</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="196" />
      <source>Fee</source>
      <translation>Phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="196" />
      <source>Amount</source>
      <translation>Số tiền</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="205" />
      <source> · counter {n}</source>
      <translation> · quầy {n}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="207" />
      <source>No receipt</source>
      <translation>Chưa có biên lai</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="212" />
      <source>Voided {when}: {reason}</source>
      <translation>Đã hủy lúc {when}: {reason}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="215" />
      <source>Counted in a closing</source>
      <translation>Đã chốt sổ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="223" />
      <source>Time</source>
      <translation>Thời gian</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="223" />
      <source>Paid by</source>
      <translation>Hình thức</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="223" />
      <source>Payer</source>
      <translation>Người nộp</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="224" />
      <source>Taken by</source>
      <translation>Người thu</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="224" />
      <source>Receipt</source>
      <translation>Biên lai</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="224" />
      <source>Note</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="239" />
      <source>Replaces {receipt}</source>
      <translation>Thay thế {receipt}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="241" />
      <source>Cancelled {when}: {reason}</source>
      <translation>Đã hủy lúc {when}: {reason}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="250" />
      <source>State</source>
      <translation>Tình trạng</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="251" />
      <source>Issued</source>
      <translation>Ngày phát hành</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="259" />
      <source>Take a payment</source>
      <translation>Thu phí</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="260" />
      <source>Cancel and replace the receipt…</source>
      <translation>Hủy và thay biên lai…</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="261" />
      <source>Enter the paper receipt's number…</source>
      <translation>Nhập số biên lai giấy…</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="262" />
      <source>Issue again</source>
      <translation>Phát hành lại</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="263" />
      <source>Void a payment made by mistake…</source>
      <translation>Hủy khoản nộp nhầm…</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="264" />
      <source>Print the payment slip</source>
      <translation>In phiếu ghi nhận nộp tiền</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="341" />
      <source>Cancel and replace the receipt</source>
      <translation>Hủy và thay biên lai</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="342" />
      <source>Reason for cancelling:</source>
      <translation>Lý do hủy:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="343" />
      <source>Payer on the new receipt:</source>
      <translation>Người nộp trên biên lai mới:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="344" />
      <source>Payer's ID number (if it changes):</source>
      <translation>Số giấy tờ của người nộp (nếu thay đổi):</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="345" />
      <source>Payer's address (if it changes):</source>
      <translation>Địa chỉ của người nộp (nếu thay đổi):</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="346" />
      <source>Receipt {receipt} is cancelled, never edited; a new receipt replaces it and both are kept.</source>
      <translation>Biên lai {receipt} bị hủy, không sửa; một biên lai mới thay thế và cả hai đều được lưu.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="362" />
      <source>Paper receipt's number</source>
      <translation>Số biên lai giấy</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="363" />
      <source>Template:</source>
      <translation>Mẫu số:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="364" />
      <source>Symbol:</source>
      <translation>Ký hiệu:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="365" />
      <source>Number:</source>
      <translation>Số:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="387" />
      <source>Void a payment made by mistake</source>
      <translation>Hủy khoản nộp nhầm</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="387" />
      <source>Reason:</source>
      <translation>Lý do:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="388" />
      <source>The payment of {amount} on {when} then counts for nothing and its receipt is cancelled; both stay in the record.</source>
      <translation>Khoản nộp {amount} lúc {when} sẽ không được tính và biên lai của nó bị hủy; cả hai vẫn được lưu trong hồ sơ.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/detail_fees.py" line="240" />
      <source>Replaces the cancelled receipt</source>
      <translation>Thay thế biên lai đã hủy</translation>
    </message>
  </context>
  <context>
    <name>ReturnPage</name>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="132" />
      <source>Fees</source>
      <translation>Phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="146" />
      <source>Take the payment (F8)</source>
      <translation>Thu phí (F8)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="161" />
      <source>Supervisor allows returning before the fee is paid…</source>
      <translation>Lãnh đạo cho phép trả khi chưa nộp đủ…</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="168" />
      <source>Reason:</source>
      <translation>Lý do:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="176" />
      <source>Supervisor (login):</source>
      <translation>Lãnh đạo cho phép (tên đăng nhập):</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="177" />
      <source>Supervisor's password:</source>
      <translation>Mật khẩu của lãnh đạo:</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="235" />
      <source>Still owed: {amount}</source>
      <translation>Còn phải nộp: {amount}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="237" />
      <source>Scan with a banking app to transfer exactly this amount.</source>
      <translation>Quét bằng ứng dụng ngân hàng để chuyển khoản đúng số tiền này.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/return_page.py" line="238" />
      <source>No VietQR code: the office's bank account is not set up (Settings).</source>
      <translation>Không có mã VietQR: chưa cài đặt tài khoản ngân hàng của cơ quan (Cài đặt).</translation>
    </message>
  </context>
</TS>