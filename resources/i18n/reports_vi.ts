<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>ChannelChart</name>
    <message>
      <location filename="../../ui/reports/charts.py" line="127" />
      <source>No dossier was received in this period.</source>
      <translation>Không có hồ sơ nào được tiếp nhận trong kỳ.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="129" />
      <source>Received by channel ({n} dossiers)</source>
      <translation>Hồ sơ tiếp nhận theo kênh ({n} hồ sơ)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="133" />
      <source>Online</source>
      <translation>Trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="133" />
      <source>In person</source>
      <translation>Trực tiếp</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="134" />
      <source>By post</source>
      <translation>Bưu chính</translation>
    </message>
  </context>
  <context>
    <name>DigitizationTab</name>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="21" />
      <source>Dossiers digitized at intake</source>
      <translation>Hồ sơ số hóa khi tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="22" />
      <source>Results digitized</source>
      <translation>Kết quả được số hóa</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="23" />
      <source>Documents reused</source>
      <translation>Thành phần tái sử dụng</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="33" />
      <source>By officer</source>
      <translation>Theo cán bộ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="36" />
      <source>By procedure</source>
      <translation>Theo thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="34" />
      <source>Officer</source>
      <translation>Cán bộ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="35" />
      <source>Login</source>
      <translation>Tên đăng nhập</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="37" />
      <source>Code</source>
      <translation>Mã</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="38" />
      <source>Procedure</source>
      <translation>Thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="39" />
      <source>By month</source>
      <translation>Theo tháng</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="39" />
      <source>Month</source>
      <translation>Tháng</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="67" />
      <source>Received</source>
      <translation>Tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="67" />
      <source>Filed online (exempt)</source>
      <translation>Nộp trực tuyến (không phải số hóa)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="68" />
      <source>No paper to digitize</source>
      <translation>Không có giấy phải số hóa</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="68" />
      <source>To digitize at intake</source>
      <translation>Phải số hóa khi tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="69" />
      <source>Digitized at intake</source>
      <translation>Số hóa đủ khi tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="70" />
      <source>Share digitized at intake</source>
      <translation>Tỷ lệ số hóa khi tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="71" />
      <source>Results ready</source>
      <translation>Có kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="71" />
      <source>Results with a file</source>
      <translation>Kết quả có tệp</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="72" />
      <source>Share of results digitized</source>
      <translation>Tỷ lệ kết quả được số hóa</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="73" />
      <source>Documents digitized</source>
      <translation>Thành phần đã số hóa</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="74" />
      <source>From the portal's store</source>
      <translation>Từ kho dữ liệu trên Cổng DVCQG</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="75" />
      <source>Share reused</source>
      <translation>Tỷ lệ tái sử dụng</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="84" />
      <source>{done} of {due} dossiers with paper; filed online {online} · no paper {none}</source>
      <translation>{done}/{due} hồ sơ phải số hóa; nộp trực tuyến {online} · không có giấy phải số hóa {none}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="88" />
      <source>{done} of {results} results ready had a file</source>
      <translation>{done}/{results} hồ sơ có kết quả có tệp kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="91" />
      <source>{reused} of {digitized} documents digitized; from the portal's store {portal}</source>
      <translation>{reused}/{digitized} thành phần đã số hóa; từ kho dữ liệu trên Cổng DVCQG {portal}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/digitization_tab.py" line="44" />
      <source>How they are counted: (1) digitized at intake: dossiers received in the period whose every paper received was scanned or taken from a file already kept, of the dossiers with paper to digitize. A paper only shown, or exempt (with its reason), need not be digitized; one not recorded, or not digitized even with a reason, falls short. Dossiers filed online and those with no paper to digitize are outside the denominator. (2) Results digitized: dossiers whose result was ready in the period with at least one result file, of those whose result was ready. (3) Reused: documents reused (from this office's files or the citizen's store on the national portal) of the documents digitized, of the dossiers received in person or by post in the period. By officer: who received the dossier; by month: the month received, results the month they were ready.</source>
      <translation>Cách tính: (1) Số hóa khi tiếp nhận: hồ sơ tiếp nhận trong kỳ có mọi thành phần giấy đã nhận được quét hoặc tái sử dụng tệp đã có, trên số hồ sơ phải số hóa. Thành phần chỉ xuất trình hoặc không phải số hóa (có ghi lý do) không phải số hóa; thành phần chưa ghi nhận hoặc chưa số hóa (dù có lý do) chưa đạt. Hồ sơ nộp trực tuyến và hồ sơ không có thành phần giấy nào phải số hóa không tính vào mẫu số. (2) Kết quả được số hóa: hồ sơ có kết quả trong kỳ có ít nhất một tệp kết quả, trên số hồ sơ có kết quả trong kỳ. (3) Tái sử dụng: thành phần tái sử dụng (từ kho của cơ quan hoặc kho dữ liệu của công dân trên Cổng DVCQG) trên số thành phần đã số hóa của hồ sơ tiếp nhận trực tiếp hoặc qua bưu chính trong kỳ. Theo cán bộ: người tiếp nhận hồ sơ; theo tháng: tháng tiếp nhận, riêng kết quả theo tháng có kết quả.</translation>
    </message>
  </context>
  <context>
    <name>MonthlyChart</name>
    <message>
      <location filename="../../ui/reports/charts.py" line="188" />
      <source>No dossier was received in this period.</source>
      <translation>Không có hồ sơ nào được tiếp nhận trong kỳ.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="190" />
      <source>Received per month, by channel</source>
      <translation>Hồ sơ tiếp nhận theo tháng và kênh</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="192" />
      <source>Online</source>
      <translation>Trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="193" />
      <source>In person</source>
      <translation>Trực tiếp</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="194" />
      <source>By post</source>
      <translation>Bưu chính</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="199" />
      <source>M{m}</source>
      <translation>T{m}</translation>
    </message>
  </context>
  <context>
    <name>QueueChart</name>
    <message>
      <location filename="../../ui/reports/charts.py" line="255" />
      <source>No queue ticket was served in this period.</source>
      <translation>Không có lượt lấy số nào được phục vụ trong kỳ.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="259" />
      <source>Minutes waited, per hour the ticket was taken</source>
      <translation>Số phút chờ theo giờ lấy số</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="261" />
      <source>Median</source>
      <translation>Trung vị</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="262" />
      <source>90th percentile</source>
      <translation>Phân vị 90</translation>
    </message>
  </context>
  <context>
    <name>ReportsPage</name>
    <message>
      <location filename="../../ui/reports/page.py" line="125" />
      <source>Export to Excel</source>
      <translation>Xuất Excel</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="128" />
      <source>Export to PDF</source>
      <translation>Xuất PDF</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="132" />
      <source>Reports on administrative procedures</source>
      <translation>Báo cáo tình hình giải quyết thủ tục hành chính</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="139" />
      <source>This month</source>
      <translation>Tháng này</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="139" />
      <source>Last month</source>
      <translation>Tháng trước</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="140" />
      <source>This quarter</source>
      <translation>Quý này</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="140" />
      <source>First half of the year</source>
      <translation>6 tháng đầu năm</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="141" />
      <source>This year</source>
      <translation>Năm nay</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="141" />
      <source>Last year</source>
      <translation>Năm trước</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="142" />
      <source>Other dates</source>
      <translation>Chọn ngày khác</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="168" />
      <source>All channels</source>
      <translation>Tất cả các kênh</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="171" />
      <source>Show the report</source>
      <translation>Xem báo cáo</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="178" />
      <source>Period:</source>
      <translation>Kỳ báo cáo:</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="180" />
      <source>from</source>
      <translation>từ ngày</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="180" />
      <source>to</source>
      <translation>đến ngày</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="188" />
      <source>Channel:</source>
      <translation>Kênh:</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="189" />
      <source>Counter:</source>
      <translation>Quầy:</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="185" />
      <source>Procedure:</source>
      <translation>Thủ tục:</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="157" />
      <source>All procedures (type to search)</source>
      <translation>Tất cả thủ tục (gõ để tìm)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="159" />
      <source>Type a procedure's name or code, with or without diacritics, then pick it from the list.</source>
      <translation>Gõ tên hoặc mã thủ tục, có dấu hay không dấu đều được, rồi chọn trong danh sách.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="188" />
      <source>Sector:</source>
      <translation>Lĩnh vực:</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="198" />
      <source>Choose a period and press «Show the report».</source>
      <translation>Chọn kỳ báo cáo rồi bấm «Xem báo cáo».</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="214" />
      <source>Dossiers received</source>
      <translation>Hồ sơ tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="215" />
      <source>Filed online</source>
      <translation>Nộp trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="216" />
      <source>Resolved on time or early</source>
      <translation>Giải quyết đúng hạn, trước hạn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="217" />
      <source>Results returned by post</source>
      <translation>Trả kết quả qua BCCI</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="218" />
      <source>Being processed at the end</source>
      <translation>Đang giải quyết cuối kỳ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="219" />
      <location filename="../../ui/reports/page.py" line="280" />
      <source>Helped to file online</source>
      <translation>Hướng dẫn nộp trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="241" />
      <source>Summary</source>
      <translation>Tổng hợp</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="246" />
      <source>By procedure</source>
      <translation>Theo thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="246" />
      <location filename="../../ui/reports/page.py" line="247" />
      <source>Code</source>
      <translation>Mã</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="246" />
      <source>Procedure</source>
      <translation>Thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="247" />
      <source>By sector</source>
      <translation>Theo lĩnh vực</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="247" />
      <source>Sector</source>
      <translation>Lĩnh vực</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="248" />
      <source>By officer</source>
      <translation>Theo cán bộ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="249" />
      <source>By counter</source>
      <translation>Theo quầy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="251" />
      <source>Queue</source>
      <translation>Hàng chờ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="252" />
      <source>Over the years</source>
      <translation>Qua các năm</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="269" />
      <location filename="../../ui/reports/page.py" line="279" />
      <location filename="../../ui/reports/page.py" line="284" />
      <location filename="../../ui/reports/page.py" line="320" />
      <source>Received</source>
      <translation>Tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="269" />
      <location filename="../../ui/reports/page.py" line="279" />
      <location filename="../../ui/reports/page.py" line="285" />
      <location filename="../../ui/reports/page.py" line="321" />
      <source>Online</source>
      <translation>Trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="270" />
      <source>Online share</source>
      <translation>Tỷ lệ trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="270" />
      <location filename="../../ui/reports/page.py" line="286" />
      <source>Resolved</source>
      <translation>Đã giải quyết</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="271" />
      <source>Early</source>
      <translation>Trước hạn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="271" />
      <source>On time</source>
      <translation>Đúng hạn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="271" />
      <source>Late</source>
      <translation>Trễ hạn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="272" />
      <location filename="../../ui/reports/page.py" line="286" />
      <source>On time share</source>
      <translation>Tỷ lệ đúng hạn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="272" />
      <source>Being processed</source>
      <translation>Đang giải quyết</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="273" />
      <source>Overdue</source>
      <translation>Quá hạn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="273" />
      <location filename="../../ui/reports/page.py" line="287" />
      <source>Returned</source>
      <translation>Đã trả kết quả</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="274" />
      <location filename="../../ui/reports/page.py" line="287" />
      <source>Returned by post</source>
      <translation>Trả qua BCCI</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="278" />
      <source>Officer</source>
      <translation>Cán bộ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="278" />
      <source>Login</source>
      <translation>Tên đăng nhập</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="279" />
      <location filename="../../ui/reports/page.py" line="285" />
      <source>In person</source>
      <translation>Trực tiếp</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="280" />
      <location filename="../../ui/reports/page.py" line="285" />
      <source>By post</source>
      <translation>Bưu chính</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="284" />
      <source>Counter</source>
      <translation>Quầy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="288" />
      <source>Post share</source>
      <translation>Tỷ lệ trả qua BCCI</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="296" />
      <source>Service group</source>
      <translation>Nhóm dịch vụ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="297" />
      <source>Hour taken</source>
      <translation>Giờ lấy số</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="297" />
      <source>whole day</source>
      <translation>cả ngày</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="299" />
      <source>Tickets</source>
      <translation>Số đã phát</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="299" />
      <source>Served</source>
      <translation>Đã phục vụ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="300" />
      <source>Absent</source>
      <translation>Vắng mặt</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="301" />
      <source>Waiting, mean (min)</source>
      <translation>Chờ trung bình (phút)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="302" />
      <source>Waiting, median</source>
      <translation>Chờ, trung vị</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="303" />
      <source>Waiting, 90th pct.</source>
      <translation>Chờ, phân vị 90</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="304" />
      <source>Service, mean (min)</source>
      <translation>Phục vụ trung bình (phút)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="305" />
      <source>Service, median</source>
      <translation>Phục vụ, trung vị</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="306" />
      <source>Service, 90th pct.</source>
      <translation>Phục vụ, phân vị 90</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="309" />
      <source>Service group:</source>
      <translation>Nhóm dịch vụ:</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="320" />
      <source>Year</source>
      <translation>Năm</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="321" />
      <source>Level 3</source>
      <translation>Mức độ 3</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="322" />
      <source>Level 4</source>
      <translation>Mức độ 4</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="316" />
      <source>Online share (level 3 + 4 until {year})</source>
      <translation>Tỷ lệ trực tuyến (mức độ 3 + 4 đến năm {year})</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="348" />
      <source>All sectors</source>
      <translation>Tất cả lĩnh vực</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="349" />
      <source>All counters</source>
      <translation>Tất cả các quầy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="394" />
      <source>Choose one procedure from the list, or clear the field for all procedures.</source>
      <translation>Hãy chọn một thủ tục trong danh sách gợi ý, hoặc xóa ô thủ tục để xem tất cả thủ tục.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="414" />
      <source>The filters have changed: press «Show the report» to see their figures.</source>
      <translation>Bộ lọc đã thay đổi: bấm «Xem báo cáo» để xem số liệu theo bộ lọc mới.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="456" />
      <source>Preparing the report…</source>
      <translation>Đang lập báo cáo…</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="465" />
      <source>The report could not be prepared. Try again; if it fails again, tell the administrator.</source>
      <translation>Không lập được báo cáo. Hãy thử lại; nếu vẫn lỗi, báo cho quản trị viên.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="471" />
      <source>The filters changed while the report was being prepared: press «Show the report» again.</source>
      <translation>Bộ lọc đã thay đổi trong lúc lập báo cáo: bấm «Xem báo cáo» lần nữa.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="482" />
      <source>From {start} to {end}</source>
      <translation>Từ ngày {start} đến ngày {end}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="484" />
      <source>prepared at {time}</source>
      <translation>lập lúc {time}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="492" />
      <source>online {online} · in person {in_person} · by post {post}</source>
      <translation>trực tuyến {online} · trực tiếp {in_person} · BCCI {post}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="481" />
      <source>level 3: {l3} · level 4: {l4}</source>
      <translation>mức 3: {l3} · mức 4: {l4}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="485" />
      <source>{online} of {received}; {kinds}</source>
      <translation>{online}/{received} hồ sơ · {kinds}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="497" />
      <source>{vneid} of {received}; card QR {qr} · card seen {seen} · passport {passport} · not recorded {none}</source>
      <translation>{vneid}/{received} hồ sơ · QR thẻ {qr} · xuất trình thẻ {seen} · hộ chiếu {passport} · chưa ghi nhận {none}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="210" />
      <source>Identity verified with VNeID</source>
      <translation>Xác thực qua VNeID</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="266" />
      <source>Supplement asked again</source>
      <translation>Yêu cầu bổ sung từ lần 2</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="267" />
      <source>VNeID share</source>
      <translation>Tỷ lệ xác thực VNeID</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="498" />
      <source>early {early} · on time {on_time} · late {late}</source>
      <translation>trước hạn {early} · đúng hạn {on_time} · trễ hạn {late}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="500" />
      <source>{post} of {returned} results returned</source>
      <translation>{post}/{returned} kết quả đã trả</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="502" />
      <source>overdue {overdue} · carried over {carried}</source>
      <translation>quá hạn {overdue} · kỳ trước chuyển sang {carried}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="505" />
      <source>citizens, at the guide desk</source>
      <translation>lượt công dân tại bàn hướng dẫn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="555" />
      <source>Save the report as an Excel workbook</source>
      <translation>Lưu báo cáo thành tệp Excel</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="555" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="556" />
      <source>Save the report as PDF</source>
      <translation>Lưu báo cáo thành tệp PDF</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="556" />
      <source>PDF document (*.pdf)</source>
      <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="576" />
      <source>you may not write in that folder</source>
      <translation>không có quyền ghi vào thư mục này</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="577" />
      <source>the folder does not exist</source>
      <translation>thư mục không tồn tại</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="579" />
      <source>Could not save {path}: {reason}.</source>
      <translation>Không lưu được tệp {path}: {reason}.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="583" />
      <source>The file could not be made. Tell the administrator.</source>
      <translation>Không tạo được tệp. Hãy báo cho quản trị viên.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="588" />
      <source>Saved {path}</source>
      <translation>Đã lưu {path}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="247" />
      <source>Digitization</source>
      <translation>Số hóa</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="263" />
      <source>Satisfaction &amp;&amp; notices</source>
      <translation>Hài lòng &amp;&amp; thông báo</translation>
    </message>
    <message>
      <location filename="../../ui/reports/page.py" line="273" />
      <source>Fees and charges</source>
      <translation>Phí, lệ phí</translation>
    </message>
  </context>
  <context>
    <name>ResolvedChart</name>
    <message>
      <location filename="../../ui/reports/charts.py" line="163" />
      <source>No dossier was resolved in this period.</source>
      <translation>Không có hồ sơ nào được giải quyết trong kỳ.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="165" />
      <source>Resolved: {n}, on time or early {share}</source>
      <translation>Đã giải quyết {n} hồ sơ, đúng hạn {share}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="168" />
      <source>Early</source>
      <translation>Trước hạn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="168" />
      <source>On time</source>
      <translation>Đúng hạn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="169" />
      <source>Late</source>
      <translation>Trễ hạn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="176" />
      <source>Dossiers</source>
      <translation>Hồ sơ</translation>
    </message>
  </context>
  <context>
    <name>YearsChart</name>
    <message>
      <location filename="../../ui/reports/charts.py" line="212" />
      <source>No dossier in these years.</source>
      <translation>Không có hồ sơ nào trong các năm này.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="214" />
      <source>Online share per year</source>
      <translation>Tỷ lệ hồ sơ trực tuyến qua các năm</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="216" />
      <source>Level 3</source>
      <translation>Mức độ 3</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="217" />
      <source>Level 4</source>
      <translation>Mức độ 4</translation>
    </message>
    <message>
      <location filename="../../ui/reports/charts.py" line="216" />
      <source>Online</source>
      <translation>Trực tuyến</translation>
    </message>
  </context>
  <context>
    <name>SatisfactionTab</name>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="30" />
      <source>All officers</source>
      <translation>Tất cả cán bộ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="33" />
      <source>Ratings of:</source>
      <translation>Đánh giá của:</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="24" />
      <source>Rated satisfied or better</source>
      <translation>Hài lòng trở lên</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="25" />
      <source>Services rated</source>
      <translation>Lượt phục vụ được đánh giá</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="26" />
      <source>Notices delivered</source>
      <translation>Thông báo đến người nhận</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="41" />
      <source>By officer</source>
      <translation>Theo cán bộ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="42" />
      <source>Officer</source>
      <translation>Cán bộ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="43" />
      <source>Login</source>
      <translation>Tên đăng nhập</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="44" />
      <source>By counter</source>
      <translation>Theo quầy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="45" />
      <source>Counter</source>
      <translation>Quầy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="46" />
      <source>By procedure</source>
      <translation>Theo thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="47" />
      <source>Code</source>
      <translation>Mã</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="48" />
      <source>Procedure</source>
      <translation>Thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="49" />
      <source>By month</source>
      <translation>Theo tháng</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="49" />
      <source>Month</source>
      <translation>Tháng</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="52" />
      <source>Reasons for low scores</source>
      <translation>Lý do khi đánh giá thấp</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="52" />
      <source>Reason</source>
      <translation>Lý do</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="54" />
      <source>Times chosen</source>
      <translation>Số lần được chọn</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="55" />
      <source>Share of ratings below satisfied</source>
      <translation>Tỷ lệ trên số đánh giá dưới mức hài lòng</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="56" />
      <source>Notices by channel</source>
      <translation>Thông báo theo kênh</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="57" />
      <source>Channel</source>
      <translation>Kênh</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="59" />
      <source>Written</source>
      <translation>Đã lập</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="59" />
      <source>Sent</source>
      <translation>Đã gửi</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="60" />
      <source>Delivered</source>
      <translation>Đã đến người nhận</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="60" />
      <source>Failed</source>
      <translation>Thất bại</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="61" />
      <source>Cancelled</source>
      <translation>Đã hủy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="61" />
      <source>Waiting to be sent</source>
      <translation>Đang chờ gửi</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="62" />
      <source>Share delivered</source>
      <translation>Tỷ lệ đến người nhận</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="64" />
      <source>How they are counted: a rating counts in the period it was asked; asked = rated + not rated (timed out) + still waiting. The average and the share satisfied are over the rated ones; satisfied or better: a score of 4 or 5. Reasons: the criteria chosen with a low score, several per rating; a reason's share is over the ratings below satisfied. By officer: who served; by procedure: the dossier's; by month: the month asked. A notice counts in the period it was written, by its channel and its state now.</source>
      <translation>Cách tính: đánh giá tính theo thời điểm đề nghị đánh giá trong kỳ; số đề nghị = đã đánh giá + không đánh giá (hết thời gian) + đang chờ. Điểm trung bình và tỷ lệ hài lòng tính trên số đã đánh giá; hài lòng trở lên: điểm 4 hoặc 5. Lý do: tiêu chí công dân chọn khi đánh giá thấp, mỗi đánh giá có thể chọn nhiều tiêu chí; tỷ lệ của một lý do tính trên số đánh giá dưới mức hài lòng. Theo cán bộ: người phục vụ; theo thủ tục: thủ tục của hồ sơ; theo tháng: tháng đề nghị đánh giá. Thông báo tính theo thời điểm lập trong kỳ, theo kênh và trạng thái hiện tại.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="88" />
      <source>Asked</source>
      <translation>Đề nghị đánh giá</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="24" />
      <source>Rated</source>
      <translation>Đã đánh giá</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="89" />
      <source>Not rated</source>
      <translation>Không đánh giá</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="91" />
      <source>Satisfied or better</source>
      <translation>Hài lòng trở lên</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="92" />
      <source>Share satisfied</source>
      <translation>Tỷ lệ hài lòng trở lên</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="93" />
      <source>Average score</source>
      <translation>Điểm trung bình</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="102" />
      <source>{satisfied} of {rated} ratings; average score {average}</source>
      <translation>{satisfied}/{rated} lượt đánh giá; điểm trung bình {average}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="105" />
      <source>{rated} of {asked} asked; not rated {none} · waiting {waiting}</source>
      <translation>{rated}/{asked} lượt đề nghị; không đánh giá {none} · đang chờ {waiting}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/satisfaction_tab.py" line="108" />
      <source>written {written} · sent {sent} · delivered {delivered} · failed {failed}</source>
      <translation>đã lập {written} · đã gửi {sent} · đã đến {delivered} · thất bại {failed}</translation>
    </message>
  </context>
  <context>
    <name>FeesTab</name>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="39" />
      <source>The period and counter chosen above; the procedure, sector and channel filters do not narrow the fee report.</source>
      <translation>Theo kỳ báo cáo và quầy đã chọn ở trên; bộ lọc thủ tục, lĩnh vực, kênh không áp dụng cho báo cáo thu phí, lệ phí.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="43" />
      <source>Export the fee report to Excel</source>
      <translation>Xuất báo cáo thu phí ra Excel</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="46" />
      <source>Export the fee report to PDF</source>
      <translation>Xuất báo cáo thu phí ra PDF</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="54" />
      <source>Fees collected</source>
      <translation>Phí, lệ phí đã thu</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="55" />
      <source>Dossiers paid online</source>
      <translation>Hồ sơ thanh toán trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="56" />
      <source>Receipts not issued</source>
      <translation>Biên lai chưa phát hành</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="57" />
      <source>Receipts cancelled</source>
      <translation>Biên lai đã hủy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="66" />
      <source>Payments</source>
      <translation>Số khoản</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="66" />
      <source>Amount</source>
      <translation>Số tiền</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="68" />
      <source>By payment method</source>
      <translation>Theo hình thức nộp tiền</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="68" />
      <source>Method</source>
      <translation>Hình thức nộp tiền</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="70" />
      <source>By filing channel</source>
      <translation>Theo hình thức nộp hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="70" />
      <source>Filed by</source>
      <translation>Hình thức nộp hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="71" />
      <source>By month</source>
      <translation>Theo tháng</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="71" />
      <source>Month</source>
      <translation>Tháng</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="72" />
      <source>By procedure</source>
      <translation>Theo thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="72" />
      <source>Code</source>
      <translation>Mã</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="73" />
      <source>Procedure</source>
      <translation>Thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="74" />
      <source>By counter</source>
      <translation>Theo quầy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="74" />
      <source>Counter</source>
      <translation>Quầy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="75" />
      <source>By officer</source>
      <translation>Theo cán bộ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="75" />
      <source>Officer</source>
      <translation>Cán bộ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="76" />
      <source>Login</source>
      <translation>Tên đăng nhập</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="78" />
      <source>Paid online</source>
      <translation>Thanh toán trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="80" />
      <source>Dossiers with a fee</source>
      <translation>Hồ sơ có phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="82" />
      <source>Share paid online</source>
      <translation>Tỷ lệ thanh toán trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="84" />
      <source>Dossier</source>
      <translation>Hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="85" />
      <source>State</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="87" />
      <source>Payer</source>
      <translation>Người nộp</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="88" />
      <source>Made at</source>
      <translation>Lập lúc</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="89" />
      <source>Days waiting</source>
      <translation>Số ngày chờ</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="90" />
      <source>Error</source>
      <translation>Lỗi</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="93" />
      <source>Receipt</source>
      <translation>Biên lai</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="96" />
      <source>Cancelled at</source>
      <translation>Hủy lúc</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="97" />
      <source>Reason</source>
      <translation>Lý do</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="98" />
      <source>Cancelled by</source>
      <translation>Người hủy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="99" />
      <source>Payments voided</source>
      <translation>Khoản nộp đã hủy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="103" />
      <source>Paid at</source>
      <translation>Nộp lúc</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="104" />
      <source>Voided at</source>
      <translation>Hủy lúc</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="106" />
      <source>Voided by</source>
      <translation>Người hủy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="108" />
      <source>How they are counted: collected are the payments recorded in the period (by the day paid), voided ones left out and counted apart; by the dossier&apos;s procedure and channel, the counter that took the payment, the officer who recorded it, the payment method and the month. Paid online (index 3.6, Decision 766/QĐ-TTg, to be checked): of the dossiers received in the period that carry a fee (not those waiting online or refused), the share with a payment made online on the portal (not voided), whenever made. Receipts not issued: receipts of payments up to the period&apos;s end still waiting for the provider, for a paper receipt&apos;s number, or refused by the provider; days waiting up to today. Receipts cancelled: cancelled (or waiting to be cancelled) in the period.</source>
      <translation>Cách tính: số đã thu là các khoản nộp ghi nhận trong kỳ (theo ngày nộp), không tính khoản đã hủy (tính riêng); theo thủ tục và hình thức nộp hồ sơ của hồ sơ, theo quầy thu, theo cán bộ ghi nhận khoản nộp, theo hình thức nộp tiền và theo tháng. Tỷ lệ thanh toán trực tuyến (chỉ số 3.6, Quyết định 766/QĐ-TTg, cần kiểm tra): trong các hồ sơ tiếp nhận trong kỳ có phí, lệ phí (trừ hồ sơ trực tuyến chờ tiếp nhận và hồ sơ từ chối tiếp nhận), tỷ lệ hồ sơ có khoản nộp trực tuyến trên cổng (không bị hủy), nộp vào bất kỳ lúc nào. Biên lai chưa phát hành: biên lai của các khoản nộp đến hết kỳ còn chờ nhà cung cấp, chờ số biên lai giấy hoặc bị nhà cung cấp từ chối; số ngày chờ tính đến hôm nay. Biên lai đã hủy: hủy (hoặc chờ hủy) trong kỳ.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="150" />
      <source>{count} payments; voided {voided} ({voided_amount})</source>
      <translation>{count} khoản; đã hủy {voided} khoản ({voided_amount})</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="153" />
      <source>{paid} of {with_fee} dossiers received with a fee</source>
      <translation>{paid}/{with_fee} hồ sơ tiếp nhận có phí, lệ phí</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="156" />
      <source>to be issued {pending} · paper number awaited {unissued} · refused {failed}</source>
      <translation>chờ phát hành {pending} · chờ số biên lai giấy {unissued} · bị từ chối {failed}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="159" />
      <source>in the period, each with its reason</source>
      <translation>trong kỳ, mỗi biên lai có lý do hủy</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="177" />
      <source>Save the fee report as an Excel workbook</source>
      <translation>Lưu báo cáo thu phí thành bảng tính Excel</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="177" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="178" />
      <source>Save the fee report as PDF</source>
      <translation>Lưu báo cáo thu phí thành PDF</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="178" />
      <source>PDF document (*.pdf)</source>
      <translation>Tài liệu PDF (*.pdf)</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="191" />
      <source>you may not write in that folder</source>
      <translation>không có quyền ghi vào thư mục này</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="192" />
      <source>the folder does not exist</source>
      <translation>thư mục không tồn tại</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="193" />
      <source>Could not save {path}: {reason}.</source>
      <translation>Không lưu được tệp {path}: {reason}.</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="209" />
      <source>Saved {path}</source>
      <translation>Đã lưu {path}</translation>
    </message>
    <message>
      <location filename="../../ui/reports/fees_tab.py" line="212" />
      <source>The file could not be made. Tell the administrator.</source>
      <translation>Không tạo được tệp. Hãy báo cho quản trị viên.</translation>
    </message>
  </context>
</TS>