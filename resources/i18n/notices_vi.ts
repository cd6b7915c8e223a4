<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>ConsentDialog</name>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="43" />
      <source>Notices consent · {code}</source>
      <translation>Đồng ý nhận thông báo · {code}</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="45" />
      <source>The citizen agrees to notices by:</source>
      <translation>Người nộp đồng ý nhận thông báo qua:</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="54" />
      <source>The dossier has no contact for this channel.</source>
      <translation>Hồ sơ chưa có số điện thoại hoặc thư điện tử cho kênh này.</translation>
    </message>
  </context>
  <context>
    <name>ConsentFields</name>
    <message>
      <location filename="../../ui/intake/consent_fields.py" line="22" />
      <source>E-mail</source>
      <translation>Thư điện tử</translation>
    </message>
    <message>
      <location filename="../../ui/intake/consent_fields.py" line="22" />
      <source>SMS</source>
      <translation>SMS</translation>
    </message>
    <message>
      <location filename="../../ui/intake/consent_fields.py" line="22" />
      <source>Zalo</source>
      <translation>Zalo</translation>
    </message>
    <message>
      <location filename="../../ui/intake/consent_fields.py" line="33" />
      <source>Agrees to notices by:</source>
      <translation>Đồng ý nhận thông báo qua:</translation>
    </message>
    <message>
      <location filename="../../ui/intake/consent_fields.py" line="35" />
      <source>Only if the citizen agrees: a channel can be ticked once its contact is entered.</source>
      <translation>Chỉ đánh dấu khi người nộp đồng ý; mỗi kênh chỉ chọn được khi đã nhập số điện thoại hoặc thư điện tử tương ứng.</translation>
    </message>
  </context>
  <context>
    <name>DossierNoticesPanel</name>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="72" />
      <source>Notices to the citizen</source>
      <translation>Thông báo cho người nộp</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="77" />
      <source>Loading…</source>
      <translation>Đang tải…</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="80" />
      <source>Change consent…</source>
      <translation>Đổi kênh nhận thông báo…</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="87" />
      <source>Notice</source>
      <translation>Thông báo</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="87" />
      <source>Channel</source>
      <translation>Kênh</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="87" />
      <source>Recipient</source>
      <translation>Người nhận</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="87" />
      <source>State</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="87" />
      <source>Sent</source>
      <translation>Gửi lúc</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="88" />
      <source>Delivered</source>
      <translation>Đã nhận lúc</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="88" />
      <source>Reason</source>
      <translation>Lý do</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="90" />
      <source>Send again</source>
      <translation>Gửi lại</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="92" />
      <source>Cancel the notice</source>
      <translation>Hủy</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="98" />
      <source>No notice has been sent about this dossier.</source>
      <translation>Chưa có thông báo nào về hồ sơ này.</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="137" />
      <source>Consent to notices: not asked (no notice is sent).</source>
      <translation>Đồng ý nhận thông báo: chưa hỏi (không gửi thông báo).</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="139" />
      <source>Consent to notices: the citizen wants none.</source>
      <translation>Đồng ý nhận thông báo: người nộp không nhận thông báo.</translation>
    </message>
    <message>
      <location filename="../../ui/notices/dossier_notices.py" line="141" />
      <source>Agrees to notices by: {channels}.</source>
      <translation>Đồng ý nhận thông báo qua: {channels}.</translation>
    </message>
  </context>
  <context>
    <name>FailedNoticesPage</name>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="45" />
      <source>Dossier</source>
      <translation>Hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="45" />
      <source>Notice</source>
      <translation>Thông báo</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="45" />
      <source>Channel</source>
      <translation>Kênh</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="45" />
      <source>Recipient</source>
      <translation>Người nhận</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="45" />
      <source>Reason</source>
      <translation>Lý do</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="49" />
      <source>A gateway or mail server refused these notices for good (a wrong number or address, a channel the citizen cannot receive). Correct the contact in the dossier if needed, then send again: the gateway sees the same key, so the citizen never gets it twice.</source>
      <translation>Cổng gửi tin hoặc máy chủ thư đã từ chối hẳn các thông báo này (sai số điện thoại hoặc địa chỉ thư, người nộp không nhận được qua kênh đó). Sửa thông tin liên hệ trong hồ sơ nếu cần rồi bấm Gửi lại: cổng nhận cùng một mã nên người nộp không bao giờ nhận hai lần.</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="53" />
      <source>No failed notice.</source>
      <translation>Không có thông báo nào gửi không được.</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="58" />
      <source>Send again</source>
      <translation>Gửi lại</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="60" />
      <source>Cancel the notice</source>
      <translation>Hủy</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="62" />
      <source>Open the dossier</source>
      <translation>Mở hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="77" />
      <source>Failed notices</source>
      <translation>Thông báo lỗi</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="136" />
      <source>Notice for {code} goes out again.</source>
      <translation>Thông báo về hồ sơ {code} được gửi lại.</translation>
    </message>
    <message>
      <location filename="../../ui/notices/failed_page.py" line="137" />
      <source>Notice for {code} cancelled.</source>
      <translation>Đã hủy thông báo về hồ sơ {code}.</translation>
    </message>
  </context>
  <context>
    <name>NoticesTab</name>
    <message>
      <location filename="../../ui/settings/notices.py" line="64" />
      <source>Texts of the notices</source>
      <translation>Nội dung thông báo</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="67" />
      <source>One text per event: e-mail has a subject and a body, SMS and Zalo share a short text. The fields in braces are replaced by the dossier's facts when a notice is written.</source>
      <translation>Mỗi sự kiện một mẫu: thư điện tử có tiêu đề và nội dung, SMS và Zalo dùng chung một tin ngắn. Các trường trong dấu ngoặc { } được thay bằng thông tin của hồ sơ khi soạn thông báo.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="70" />
      <source> days</source>
      <translation> ngày</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="72" />
      <source>Sending</source>
      <translation>Gửi thông báo</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="82" />
      <source>Notices go only to citizens who agreed at intake, by the channels they chose, and only through the channels turned on here. Sending runs in the background: the counter never waits for it.</source>
      <translation>Thông báo chỉ gửi cho người nộp đã đồng ý khi tiếp nhận, qua các kênh họ chọn và chỉ qua các kênh được bật ở đây. Việc gửi chạy nền: quầy không phải chờ.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="85" />
      <source>E-mail (SMTP server)</source>
      <translation>Thư điện tử (máy chủ SMTP)</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="85" />
      <source>SMS gateway</source>
      <translation>Cổng gửi SMS</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="86" />
      <source>Zalo gateway (ZNS)</source>
      <translation>Cổng gửi Zalo (ZNS)</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="91" />
      <source>The password and the keys are kept in: {store}.</source>
      <translation>Mật khẩu và mã truy cập được cất giữ tại: {store}.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="92" />
      <source>This computer has no keyring of the operating system: the password and the keys are kept in the office database.</source>
      <translation>Máy này không có kho khóa của hệ điều hành: mật khẩu và mã truy cập được lưu trong cơ sở dữ liệu của cơ quan.</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="134" />
      <source>e-mail address</source>
      <translation>địa chỉ thư điện tử</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="134" />
      <source>phone number</source>
      <translation>số điện thoại</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="136" />
      <source>Send a test</source>
      <translation>Gửi thử</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="150" />
      <source>Test to (uses the saved settings):</source>
      <translation>Gửi thử đến (dùng cài đặt đã lưu):</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="172" />
      <source>(set)</source>
      <translation>(đã có)</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="172" />
      <source>(not set)</source>
      <translation>(chưa có)</translation>
    </message>
    <message>
      <location filename="../../ui/settings/notices.py" line="204" />
      <source>Sending…</source>
      <translation>Đang gửi…</translation>
    </message>
  </context>
  <context>
    <name>TemplateEditor</name>
    <message>
      <location filename="../../ui/notices/template_editor.py" line="71" />
      <source>Restore the default text</source>
      <translation>Khôi phục mẫu mặc định</translation>
    </message>
    <message>
      <location filename="../../ui/notices/template_editor.py" line="86" />
      <source>Event:</source>
      <translation>Sự kiện:</translation>
    </message>
    <message>
      <location filename="../../ui/notices/template_editor.py" line="88" />
      <source>Part:</source>
      <translation>Phần:</translation>
    </message>
    <message>
      <location filename="../../ui/notices/template_editor.py" line="91" />
      <source>Text (fields in braces):</source>
      <translation>Nội dung (trường trong dấu ngoặc { }):</translation>
    </message>
    <message>
      <location filename="../../ui/notices/template_editor.py" line="92" />
      <source>Fields (double-click to insert):</source>
      <translation>Các trường (bấm đúp để chèn):</translation>
    </message>
    <message>
      <location filename="../../ui/notices/template_editor.py" line="96" />
      <source>Preview with a sample dossier:</source>
      <translation>Xem trước với một hồ sơ mẫu:</translation>
    </message>
    <message>
      <location filename="../../ui/notices/template_editor.py" line="154" />
      <source>The text cannot be empty.</source>
      <translation>Nội dung mẫu không được để trống.</translation>
    </message>
    <message>
      <location filename="../../ui/notices/template_editor.py" line="163" />
      <source>Subject: {subject}</source>
      <translation>Tiêu đề: {subject}</translation>
    </message>
    <message>
      <location filename="../../ui/notices/template_editor.py" line="164" />
      <source>As an e-mail.</source>
      <translation>Dạng thư điện tử.</translation>
    </message>
    <message>
      <location filename="../../ui/notices/template_editor.py" line="167" />
      <source>As an SMS: {n} characters, {segments} message(s). Zalo gets the same text with its diacritics.</source>
      <translation>Dạng tin nhắn SMS: {n} ký tự, {segments} tin. Zalo nhận cùng nội dung, có dấu.</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <source>Notices</source>
      <translation>Thông báo</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Failed notices</source>
      <translation>Thông báo lỗi</translation>
    </message>
    <message>
      <source>Failed notices ({n})</source>
      <translation>Thông báo lỗi ({n})</translation>
    </message>
  </context>
</TS>