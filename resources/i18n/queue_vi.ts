<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>HallDisplay</name>
    <message>
      <location filename="../../ui/queue/hall_display.py" line="62" />
      <source>Hall display</source>
      <translation>Màn hình phòng chờ</translation>
    </message>
    <message>
      <location filename="../../ui/queue/hall_display.py" line="77" />
      <location filename="../../ui/queue/hall_display.py" line="168" />
      <source>Please take a number and wait for your turn</source>
      <translation>Xin mời quý vị lấy số thứ tự và chờ đến lượt</translation>
    </message>
    <message>
      <location filename="../../ui/queue/hall_display.py" line="85" />
      <source>COUNTER</source>
      <translation>QUẦY</translation>
    </message>
    <message>
      <location filename="../../ui/queue/hall_display.py" line="86" />
      <source>NOW SERVING</source>
      <translation>ĐANG PHỤC VỤ</translation>
    </message>
    <message>
      <location filename="../../ui/queue/hall_display.py" line="91" />
      <source>LAST CALLS</source>
      <translation>VỪA GỌI</translation>
    </message>
    <message>
      <location filename="../../ui/queue/hall_display.py" line="124" />
      <source>Counter {n}</source>
      <translation>Quầy {n}</translation>
    </message>
    <message>
      <location filename="../../ui/queue/hall_display.py" line="132" />
      <source>{label}  →  Counter {n}</source>
      <translation>{label}  →  Quầy {n}</translation>
    </message>
    <message>
      <location filename="../../ui/queue/hall_display.py" line="135" />
      <source>{prefix} {name}: {n} waiting</source>
      <translation>{prefix} {name}: {n} người chờ</translation>
    </message>
    <message>
      <location filename="../../ui/queue/hall_display.py" line="149" />
      <source>Citizen number {label}, please come to counter {n}</source>
      <translation>Mời công dân có số thứ tự {label} đến quầy số {n}</translation>
    </message>
    <message>
      <location filename="../../ui/queue/hall_display.py" />
      <source>Priority: {reason}</source>
      <translation>Ưu tiên: {reason}</translation>
    </message>
  </context>
  <context>
    <name>Kiosk</name>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="61" />
      <source>Queue tickets</source>
      <translation>Lấy số thứ tự</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="87" />
      <source>Touch the service you need to take a number</source>
      <translation>Chạm vào lĩnh vực cần giải quyết để lấy số thứ tự</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="103" />
      <source>Priority (show your papers at the counter):</source>
      <translation>Ưu tiên (xuất trình giấy tờ tại quầy):</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="122" />
      <source>Your number</source>
      <translation>Số thứ tự của bạn</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="132" />
      <source>Done</source>
      <translation>Xong</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="153" />
      <source>{prefix}   {name}
{n} waiting</source>
      <translation>{prefix}   {name}
Đang chờ: {n} người</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="159" />
      <source>Numbers are issued during office hours
{hours}</source>
      <translation>Ngoài giờ làm việc.
Máy lấy số hoạt động trong giờ làm việc:
{hours}</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="189" />
      <source>Printing your ticket…</source>
      <translation>Đang in phiếu…</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="202" />
      <source>{n} people ahead of you</source>
      <translation>Trước bạn có {n} người</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="204" />
      <source>{n} people ahead of you · about {m} minutes</source>
      <translation>Trước bạn có {n} người · chờ khoảng {m} phút</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="226" />
      <source>The ticket printer is not working, so no number was issued. Please ask the staff at the information desk.</source>
      <translation>Máy in phiếu đang gặp sự cố nên chưa cấp được số. Xin quý vị liên hệ cán bộ hướng dẫn.</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="233" />
      <source>Please take your ticket.</source>
      <translation>Xin mời nhận phiếu.</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" line="234" />
      <source>If no ticket came out, please remember your number.</source>
      <translation>Nếu phiếu không ra, xin quý vị ghi nhớ số thứ tự trên màn hình.</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" />
      <source>Monday</source>
      <translation>thứ Hai</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" />
      <source>Tuesday</source>
      <translation>thứ Ba</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" />
      <source>Wednesday</source>
      <translation>thứ Tư</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" />
      <source>Thursday</source>
      <translation>thứ Năm</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" />
      <source>Friday</source>
      <translation>thứ Sáu</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" />
      <source>Saturday</source>
      <translation>thứ Bảy</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" />
      <source>Sunday</source>
      <translation>Chủ nhật</translation>
    </message>
    <message>
      <location filename="../../ui/queue/kiosk.py" />
      <source>Opens again at {time} {weekday} {date}</source>
      <translation>Mở lại {time} {weekday} {date}</translation>
    </message>
  </context>
  <context>
    <name>CounterPanel</name>
    <message>
      <location filename="../../ui/queue/counter_panel.py" />
      <source>Priority: {reason}</source>
      <translation>Ưu tiên: {reason}</translation>
    </message>
  </context>
  <context>
    <name>main</name>
    <message>
      <location filename="../../ui/queue/screens.py" line="27" />
      <source>Cannot open the database</source>
      <translation>Không mở được cơ sở dữ liệu</translation>
    </message>
  </context>
</TS>