<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>GuideDeskPage</name>
    <message>
      <location filename="../../ui/guide/desk.py" line="121" />
      <source>Print the guide for the citizen</source>
      <translation>In tờ hướng dẫn cho công dân</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="129" />
      <source>The citizen agrees to leave a phone number</source>
      <translation>Công dân đồng ý để lại số điện thoại</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="133" />
      <source>Phone number (only with consent)</source>
      <translation>Số điện thoại (chỉ khi công dân đồng ý)</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="137" />
      <source>Helped file online</source>
      <translation>Đã hướng dẫn nộp trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="156" />
      <source>Helped a citizen file online</source>
      <translation>Ghi nhận hướng dẫn nộp trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="163" />
      <source>Latest:</source>
      <translation>Ghi nhận gần đây:</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="184" />
      <source>Guide desk</source>
      <translation>Bàn hướng dẫn</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="185" />
      <source>Find the procedure the citizen asks about (diacritics optional), let them scan the QR code or print the guide, then record that you helped.</source>
      <translation>Tìm thủ tục công dân cần làm (gõ có dấu hoặc không dấu), mời công dân quét mã QR hoặc in tờ hướng dẫn, rồi ghi nhận là đã hướng dẫn.</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="217" />
      <source>Choose a procedure in the list.</source>
      <translation>Chọn một thủ tục trong danh sách.</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="226" />
      <source>level {n}</source>
      <translation>mức độ {n}</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="229" />
      <source>Can be filed online</source>
      <translation>Nộp được trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="235" />
      <source>At the counter only: this procedure cannot be filed online yet.</source>
      <translation>Chỉ nộp tại quầy: thủ tục này chưa nộp được trực tuyến.</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="242" />
      <source>Only procedures filed online are recorded here.</source>
      <translation>Chỉ ghi nhận các thủ tục nộp được trực tuyến.</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="255" />
      <source>Guide opened for printing (saved as {path}).</source>
      <translation>Đã mở tờ hướng dẫn để in (lưu tại {path}).</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="257" />
      <source>Guide saved as {path}: open it from that folder to print.</source>
      <translation>Đã lưu tờ hướng dẫn tại {path}: mở tệp trong thư mục đó để in.</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="277" />
      <source>Recorded at {time}: {name}.</source>
      <translation>Đã ghi nhận lúc {time}: {name}.</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="293" />
      <source>Today you helped: {mine}
The whole office today: {office}</source>
      <translation>Hôm nay bạn đã hướng dẫn: {mine} người
Cả cơ quan hôm nay: {office} người</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="297" />
      <source> · phone left</source>
      <translation> · có số điện thoại</translation>
    </message>
    <message>
      <location filename="../../ui/guide/desk.py" line="300" />
      <source>No one recorded yet.</source>
      <translation>Chưa ghi nhận ai.</translation>
    </message>
  </context>
</TS>