<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>crash</name>
    <message>
      <location filename="../../ui/crash.py" line="38" />
      <source>An unexpected error occurred; the desk keeps running. The log file could not be written.</source>
      <translation>Đã xảy ra lỗi không mong đợi; chương trình vẫn chạy tiếp. Không ghi được tệp nhật ký.</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="40" />
      <source>An unexpected error occurred; the desk keeps running. The details are in the log: {path}</source>
      <translation>Đã xảy ra lỗi không mong đợi; chương trình vẫn chạy tiếp. Chi tiết ghi trong nhật ký: {path}</translation>
    </message>
  </context>
</TS>
