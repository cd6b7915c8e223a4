<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>IdlePage</name>
    <message>
      <location filename="../../ui/rating/pages.py" line="46" />
      <source>Counter {n}</source>
      <translation>Quầy số {n}</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="57" />
      <location filename="../../ui/rating/pages.py" line="61" />
      <source>Welcome</source>
      <translation>Xin kính chào quý vị</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="58" />
      <source>Please wait to be called to this counter</source>
      <translation>Xin mời quý vị chờ đến lượt được gọi tới quầy</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="60" />
      <source>Now serving number {label}</source>
      <translation>Đang phục vụ số {label}</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="62" />
      <source>Officer: {name}</source>
      <translation>Cán bộ: {name}</translation>
    </message>
  </context>
  <context>
    <name>PromptPage</name>
    <message>
      <location filename="../../ui/rating/pages.py" line="77" />
      <source>How satisfied are you with our service today?</source>
      <translation>Quý vị có hài lòng với việc phục vụ hôm nay không?</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="101" />
      <source>key {key}</source>
      <translation>phím {key}</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="106" />
      <source>Touch a level, or press keys {keys} on the keypad</source>
      <translation>Chạm vào một mức đánh giá, hoặc bấm phím {keys} trên bàn phím</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="109" />
      <source>Number {label}</source>
      <translation>Số {label}</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="111" />
      <source>Officer: {name}</source>
      <translation>Cán bộ: {name}</translation>
    </message>
  </context>
  <context>
    <name>RatingScreen</name>
    <message>
      <location filename="../../ui/rating/screen.py" line="68" />
      <source>Rate our service</source>
      <translation>Đánh giá mức độ hài lòng</translation>
    </message>
    <message>
      <location filename="../../ui/rating/screen.py" line="104" />
      <source>No connection to the office database: trying again…</source>
      <translation>Mất kết nối với cơ sở dữ liệu của cơ quan: đang thử lại…</translation>
    </message>
    <message>
      <location filename="../../ui/rating/screen.py" line="234" />
      <source>The rating keypad is not connected: please touch the screen</source>
      <translation>Bàn phím đánh giá chưa kết nối: xin quý vị chạm trực tiếp lên màn hình</translation>
    </message>
  </context>
  <context>
    <name>ReasonsPage</name>
    <message>
      <location filename="../../ui/rating/pages.py" line="129" />
      <source>What were you not satisfied with? You may choose several.</source>
      <translation>Quý vị chưa hài lòng về điều gì? Có thể chọn nhiều lý do.</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="166" />
      <source>Send</source>
      <translation>Gửi</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="167" />
      <source>Skip</source>
      <translation>Bỏ qua</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="168" />
      <source>key {key}</source>
      <translation>phím {key}</translation>
    </message>
  </context>
  <context>
    <name>ThanksPage</name>
    <message>
      <location filename="../../ui/rating/pages.py" line="197" />
      <source>Thank you for your rating!</source>
      <translation>Cảm ơn quý vị đã đánh giá!</translation>
    </message>
    <message>
      <location filename="../../ui/rating/pages.py" line="198" />
      <source>Your opinion helps us serve you better.</source>
      <translation>Ý kiến của quý vị giúp chúng tôi phục vụ tốt hơn.</translation>
    </message>
  </context>
</TS>