<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>DeskSigning</name>
    <message>
        <location filename="../../ui/signing/session.py" line="135" />
        <source>Not signed: the PIN was not entered.</source>
        <translation>Chưa ký: chưa nhập mã PIN.</translation>
    </message>
    <message>
        <location filename="../../ui/signing/session.py" line="183" />
        <source>Not signed: the screen was locked or the officer logged out.</source>
        <translation>Chưa ký: màn hình đã khóa hoặc cán bộ đã đăng xuất.</translation>
    </message>
    <message>
        <location filename="../../ui/signing/session.py" line="212" />
        <source>Dossier {code}: a document is not signed ({reason}); it waits in "Unsigned".</source>
        <translation>Hồ sơ {code}: văn bản chưa ký được ({reason}); văn bản chờ ở mục «Chưa ký».</translation>
    </message>
</context>
<context>
    <name>DossierSignaturesPanel</name>
    <message>
        <location filename="../../ui/signing/dossier_panel.py" line="35" />
        <source>Digitally signed documents</source>
        <translation>Văn bản ký số</translation>
    </message>
    <message>
        <location filename="../../ui/signing/dossier_panel.py" line="39" />
        <source>Document</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <location filename="../../ui/signing/dossier_panel.py" line="39" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/signing/dossier_panel.py" line="39" />
        <source>Signed by</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/dossier_panel.py" line="40" />
        <source>Signed at</source>
        <translation>Thời điểm ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/dossier_panel.py" line="42" />
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <location filename="../../ui/signing/dossier_panel.py" line="44" />
        <source>Check the signature</source>
        <translation>Kiểm tra chữ ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/dossier_panel.py" line="70" />
        <source>Signed</source>
        <translation>Đã ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/dossier_panel.py" line="70" />
        <source>Unsigned</source>
        <translation>Chưa ký</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../ui/signing/pin_dialog.py" line="24" />
        <source>Digital signature: token PIN</source>
        <translation>Chữ ký số: mã PIN của thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/pin_dialog.py" line="25" />
        <source>Documents of this desk are waiting to be signed. Enter the PIN of the USB token: it is asked once until you log out or the screen locks, and it is never saved.</source>
        <translation>Có văn bản của quầy đang chờ ký số. Nhập mã PIN của thiết bị ký số USB: chỉ hỏi một lần cho đến khi đăng xuất hoặc khóa màn hình, và không bao giờ được lưu lại.</translation>
    </message>
    <message>
        <location filename="../../ui/signing/pin_dialog.py" line="29" />
        <source>(the token plugged into this computer)</source>
        <translation>(thiết bị ký đang cắm vào máy này)</translation>
    </message>
    <message>
        <location filename="../../ui/signing/pin_dialog.py" line="31" />
        <source>(known once the token is opened)</source>
        <translation>(biết sau khi mở thiết bị ký)</translation>
    </message>
    <message>
        <location filename="../../ui/signing/pin_dialog.py" line="43" />
        <source>Token:</source>
        <translation>Thiết bị ký:</translation>
    </message>
    <message>
        <location filename="../../ui/signing/pin_dialog.py" line="44" />
        <source>Certificate of:</source>
        <translation>Chứng thư số của:</translation>
    </message>
    <message>
        <location filename="../../ui/signing/pin_dialog.py" line="45" />
        <source>PIN:</source>
        <translation>Mã PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/signing/pin_dialog.py" line="47" />
        <source>Open the token</source>
        <translation>Mở thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/pin_dialog.py" line="50" />
        <source>Not now</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <location filename="../../ui/signing/pin_dialog.py" line="63" />
        <source>Enter the PIN.</source>
        <translation>Hãy nhập mã PIN.</translation>
    </message>
</context>
<context>
    <name>SigningTab</name>
    <message>
        <location filename="../../ui/settings/signing.py" line="140" />
        <source>The office's digital signatures</source>
        <translation>Ký số của cơ quan</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="145" />
        <source>Remote signing service</source>
        <translation>Dịch vụ ký số từ xa</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="156" />
        <source>When signing is on, the forms given to online applicants (the receipt, Forms 02-05) are signed by the receiving officer at the counter, in the background; what cannot be signed waits in "Unsigned". Nothing is signed until the office turns it on here.</source>
        <translation>Khi bật ký số, các phiếu gửi người nộp hồ sơ trực tuyến (giấy tiếp nhận, Mẫu 02–05) được cán bộ tiếp nhận ký số ngay tại quầy, chạy nền; văn bản chưa ký được sẽ chờ ở mục «Chưa ký». Không ký gì cho đến khi cơ quan bật ở đây.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="166" />
        <source>Digital signatures</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="184" />
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="191" />
        <source>Empty: no time-stamp</source>
        <translation>Để trống: không gắn dấu thời gian</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="195" />
        <source>This computer's signing token</source>
        <translation>Thiết bị ký số của máy này</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="197" />
        <source>e.g. C:\Windows\System32\vnptca_p11_v8.dll</source>
        <translation>ví dụ C:\Windows\System32\vnptca_p11_v8.dll</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="198" />
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="201" />
        <source>Empty: the first token plugged in</source>
        <translation>Để trống: thiết bị ký cắm vào đầu tiên</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="203" />
        <source>Save for this computer</source>
        <translation>Lưu cho máy này</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="206" />
        <source>Find signing tokens</source>
        <translation>Tìm thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="209" />
        <source>Test signing</source>
        <translation>Thử ký</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="234" />
        <source>PKCS#11 library of the token's driver:</source>
        <translation>Thư viện PKCS#11 của trình điều khiển thiết bị ký:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="235" />
        <source>Token label:</source>
        <translation>Nhãn thiết bị ký:</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="244" />
        <source>Each counter PC has its own token and driver: this is kept on this computer (devices.json), not in the office database. The PIN is asked at the desk and never saved.</source>
        <translation>Mỗi máy tại quầy có thiết bị ký và trình điều khiển riêng: mục này lưu trên máy này (devices.json), không lưu trong cơ sở dữ liệu của cơ quan. Mã PIN được hỏi khi ký và không bao giờ được lưu.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="252" />
        <source>Trusted root certificates</source>
        <translation>Chứng thư số gốc tin cậy</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="258" />
        <source>Add a root certificate…</source>
        <translation>Thêm chứng thư gốc…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="261" />
        <source>Remove</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="276" />
        <source>A signature is trusted when its certificate chains to one of these roots. The app ships none: an office adds the national root CA and the roots of the CAs its officers use, from the files those CAs publish.</source>
        <translation>Chữ ký được tin cậy khi chứng thư số của người ký chuỗi tới một trong các chứng thư gốc này. Phần mềm không có sẵn chứng thư gốc nào: cơ quan thêm chứng thư gốc quốc gia và chứng thư gốc của các tổ chức cung cấp dịch vụ chữ ký số mình dùng, từ tệp do các tổ chức đó công bố.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="302" />
        <source>(set)</source>
        <translation>(đã đặt)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="302" />
        <source>(not set)</source>
        <translation>(chưa đặt)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="339" />
        <source>The PKCS#11 library of the token's driver</source>
        <translation>Thư viện PKCS#11 của trình điều khiển thiết bị ký</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="340" />
        <source>Libraries (*.dll *.so *.dylib)</source>
        <translation>Thư viện (*.dll *.so *.dylib)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="347" />
        <source>Saved for this computer.</source>
        <translation>Đã lưu cho máy này.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="352" />
        <source>Looking for tokens…</source>
        <translation>Đang tìm thiết bị ký…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="357" />
        <source>{label} (serial {serial}, {maker})</source>
        <translation>{label} (số sê-ri {serial}, {maker})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="362" />
        <source>{n} token(s) found: double-click one to use its label.</source>
        <translation>Tìm thấy {n} thiết bị ký: nhấp đúp vào một thiết bị để dùng nhãn của nó.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="363" />
        <source>The library sees no token: plug it in and look again.</source>
        <translation>Thư viện không thấy thiết bị ký nào: cắm thiết bị vào rồi tìm lại.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="385" />
        <source>Signing a test document…</source>
        <translation>Đang ký thử một văn bản…</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="391" />
        <source>Signed with the certificate of {name}{org}, issued by {issuer}, valid from {start} to {end}. Check of the test document: {summary}</source>
        <translation>Đã ký bằng chứng thư số của {name}{org}, do {issuer} cấp, hiệu lực từ {start} đến {end}. Kiểm tra văn bản thử: {summary}</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="407" />
        <source>{name} (valid until {end})</source>
        <translation>{name} (hiệu lực đến {end})</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="409" />
        <source>, comes with the app</source>
        <translation>, có sẵn trong phần mềm</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="428" />
        <source>A root certificate</source>
        <translation>Chứng thư số gốc</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="429" />
        <source>Certificates (*.cer *.crt *.pem *.der)</source>
        <translation>Chứng thư số (*.cer *.crt *.pem *.der)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="432" />
        <source>Root added.</source>
        <translation>Đã thêm chứng thư gốc.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/signing.py" line="440" />
        <source>Root removed.</source>
        <translation>Đã bỏ chứng thư gốc.</translation>
    </message>
</context>
<context>
    <name>UnsignedPage</name>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="46" />
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="46" />
        <source>Document</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="46" />
        <source>Since</source>
        <translation>Từ lúc</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="47" />
        <source>Why not signed yet</source>
        <translation>Lý do chưa ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="51" />
        <source>Every document is signed.</source>
        <translation>Mọi văn bản đều đã ký số.</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="55" />
        <source>Signing %v of %m</source>
        <translation>Đang ký %v/%m</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="60" />
        <source>Sign</source>
        <translation>Ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="62" />
        <source>Sign all</source>
        <translation>Ký tất cả</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="64" />
        <source>Open the dossier</source>
        <translation>Mở hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="74" />
        <source>Documents given to online applicants are signed at the counter as soon as they are made. Those listed here could not be signed then (no token, a wrong PIN, a certificate out of date): plug in the token and sign them here.</source>
        <translation>Văn bản gửi người nộp hồ sơ trực tuyến được ký số tại quầy ngay khi lập. Các văn bản dưới đây chưa ký được lúc đó (không có thiết bị ký, sai mã PIN, chứng thư số hết hạn hoặc chưa có hiệu lực): cắm thiết bị ký rồi ký tại đây.</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="81" />
        <source>Refresh (Ctrl+R)</source>
        <translation>Làm mới (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="102" />
        <source>Unsigned ({n})</source>
        <translation>Chưa ký ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="102" />
        <source>Unsigned</source>
        <translation>Chưa ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="119" />
        <source>Not signed yet</source>
        <translation>Chưa ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="200" />
        <source>{done} signed; not signed: {reason}</source>
        <translation>Đã ký {done} văn bản; chưa ký được: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/signing/unsigned_page.py" line="203" />
        <source>{done} signed.</source>
        <translation>Đã ký {done} văn bản.</translation>
    </message>
</context>
<context>
    <name>VerdictDialog</name>
    <message>
        <location filename="../../ui/signing/verdict.py" line="31" />
        <source>Signature check</source>
        <translation>Kiểm tra chữ ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="45" />
        <source>The file holds no digital signature.</source>
        <translation>Tệp không có chữ ký số nào.</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="51" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="60" />
        <source>Signature {n}</source>
        <translation>Chữ ký {n}</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="64" />
        <source>Signed by:</source>
        <translation>Người ký:</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="64" />
        <source>(unknown)</source>
        <translation>(không rõ)</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="65" />
        <source>(not stated)</source>
        <translation>(không ghi)</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="67" />
        <source>(from a time-stamp server)</source>
        <translation>(theo máy chủ cấp dấu thời gian)</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="68" />
        <source>Signed at:</source>
        <translation>Thời điểm ký:</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="69" />
        <source>Integrity:</source>
        <translation>Toàn vẹn:</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="69" />
        <source>The file is unchanged since it was signed</source>
        <translation>Tệp không bị thay đổi từ khi ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="70" />
        <source>The file was changed after it was signed</source>
        <translation>Tệp đã bị thay đổi sau khi ký</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="72" />
        <source>Coverage:</source>
        <translation>Phạm vi:</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="73" />
        <source>The signature covers the whole file</source>
        <translation>Chữ ký bao toàn bộ tệp</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="74" />
        <source>The signature covers only part of the file</source>
        <translation>Chữ ký chỉ bao một phần tệp</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="75" />
        <source>Trust:</source>
        <translation>Tin cậy:</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="75" />
        <source>The certificate chains to a trusted root</source>
        <translation>Chứng thư số chuỗi tới một chứng thư gốc tin cậy</translation>
    </message>
    <message>
        <location filename="../../ui/signing/verdict.py" line="76" />
        <source>The certificate does not chain to a trusted root</source>
        <translation>Chứng thư số không chuỗi tới chứng thư gốc tin cậy nào</translation>
    </message>
</context>
</TS>