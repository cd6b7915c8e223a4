<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>ClosingDialog</name>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="88" />
      <location filename="../../ui/fees/closing_dialog.py" line="90" />
      <location filename="../../ui/fees/closing_dialog.py" line="258" />
      <source>Close the counter</source>
      <translation>Chốt sổ quầy</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="103" />
      <source>Payments:</source>
      <translation>Số khoản thu:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="103" />
      <source>Cash recorded:</source>
      <translation>Tiền mặt theo sổ:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="104" />
      <source>Bank transfers:</source>
      <translation>Chuyển khoản:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="104" />
      <source>Paid online on the portal:</source>
      <translation>Thanh toán trực tuyến trên cổng:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="105" />
      <source>Corrections since the last closing:</source>
      <translation>Điều chỉnh từ lần chốt sổ trước:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="106" />
      <source>Receipts not issued yet:</source>
      <translation>Biên lai chưa phát hành:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="112" />
      <source>e.g. 1.250.000</source>
      <translation>ví dụ 1.250.000</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="126" />
      <source>Cash counted in the drawer:</source>
      <translation>Tiền mặt đếm được:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="129" />
      <source>Difference:</source>
      <translation>Chênh lệch:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="133" />
      <source>Optional: what explains a difference</source>
      <translation>Không bắt buộc: lý do chênh lệch</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="134" />
      <source>Note:</source>
      <translation>Ghi chú:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="136" />
      <source>Time</source>
      <translation>Giờ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="136" />
      <source>Dossier</source>
      <translation>Hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="136" />
      <source>Payer</source>
      <translation>Người nộp</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="136" />
      <source>Method</source>
      <translation>Hình thức</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="137" />
      <source>Amount</source>
      <translation>Số tiền</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="137" />
      <source>Receipt</source>
      <translation>Biên lai</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="141" />
      <source>Close the books</source>
      <translation>Chốt sổ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="144" />
      <source>Print the closing sheet</source>
      <translation>In bảng chốt sổ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="147" />
      <source>Export to Excel…</source>
      <translation>Xuất Excel…</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="150" />
      <source>Close</source>
      <translation>Đóng</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="181" />
      <source>Close counter {n}</source>
      <translation>Chốt sổ quầy {n}</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="183" />
      <source>Counter {n} has taken no payment since its last closing: nothing to close.</source>
      <translation>Quầy {n} chưa thu khoản nào từ lần chốt sổ trước: không có gì để chốt.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="190" />
      <source>Payments taken at this counter from {start} to {end}, not yet closed.</source>
      <translation>Các khoản thu tại quầy từ {start} đến {end}, chưa chốt sổ.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="224" />
      <source>{amount} (more cash than recorded)</source>
      <translation>{amount} (thừa so với sổ)</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="226" />
      <source>{amount} (less cash than recorded)</source>
      <translation>{amount} (thiếu so với sổ)</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="227" />
      <source>0 đ (the drawer matches)</source>
      <translation>0 đ (khớp với sổ)</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="249" />
      <source>Enter the cash counted in the drawer, in đồng.</source>
      <translation>Nhập số tiền mặt đếm được trong ngăn kéo, tính bằng đồng.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="253" />
      <source>A closing is final and cannot be edited; a mistake found later is entered as a correction of its own.

Close counter {n}: {count} payments, cash recorded {cash}, cash counted {counted}, difference {difference}?</source>
      <translation>Chốt sổ là cuối cùng, không sửa được; sai sót phát hiện sau được ghi thành một lần điều chỉnh riêng.

Chốt sổ quầy {n}: {count} khoản thu, tiền mặt theo sổ {cash}, tiền mặt đếm được {counted}, chênh lệch {difference}?</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="267" />
      <source>Counter {n} closed at {at} by {who}: {count} payments, difference {difference}.</source>
      <translation>Đã chốt sổ quầy {n} lúc {at}, người chốt {who}: {count} khoản thu, chênh lệch {difference}.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="277" />
      <source>Closing of counter {n}, {day}</source>
      <translation>Chốt sổ quầy {n}, ngày {day}</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="287" />
      <source>Export the closing</source>
      <translation>Xuất bảng chốt sổ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="287" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closing_dialog.py" line="291" />
      <source>Saved {name}.</source>
      <translation>Đã lưu {name}.</translation>
    </message>
  </context>
  <context>
    <name>ClosingsPage</name>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="151" />
      <source>Every counter</source>
      <translation>Mọi quầy</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="152" />
      <source>Only open differences</source>
      <translation>Chỉ chênh lệch chưa xử lý</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="159" />
      <location filename="../../ui/fees/closings_page.py" line="189" />
      <source>Counter</source>
      <translation>Quầy</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="159" />
      <source>Day</source>
      <translation>Ngày</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="159" />
      <source>Closed by</source>
      <translation>Người chốt</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="159" />
      <source>At</source>
      <translation>Lúc</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="159" />
      <source>Cash</source>
      <translation>Tiền mặt</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="160" />
      <source>Transfers</source>
      <translation>Chuyển khoản</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="160" />
      <source>Online</source>
      <translation>Trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="160" />
      <source>Cash counted</source>
      <translation>Tiền mặt đếm được</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="160" />
      <source>Difference</source>
      <translation>Chênh lệch</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="161" />
      <source>Corrected</source>
      <translation>Đã điều chỉnh</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="161" />
      <source>Note</source>
      <translation>Ghi chú</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="169" />
      <source>Correct…</source>
      <translation>Điều chỉnh…</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="172" />
      <source>Open the PDF</source>
      <translation>Xem bản PDF</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="175" />
      <source>Export to Excel…</source>
      <translation>Xuất Excel…</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="181" />
      <location filename="../../ui/fees/closings_page.py" line="214" />
      <source>Counter closings</source>
      <translation>Chốt sổ các quầy</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="183" />
      <source>Refresh (Ctrl+R)</source>
      <translation>Tải lại (Ctrl+R)</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="185" />
      <source>From</source>
      <translation>Từ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="187" />
      <source>to</source>
      <translation>đến</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="260" />
      <source>No open difference.</source>
      <translation>Không có chênh lệch nào chưa xử lý.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="261" />
      <source>No closing in this period.</source>
      <translation>Không có lần chốt sổ nào trong khoảng thời gian này.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="264" />
      <source>{n} closing(s) with a difference not made up yet, highlighted.</source>
      <translation>{n} lần chốt sổ còn chênh lệch chưa xử lý (tô màu).</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="271" />
      <source>Correction of the closing of {day}</source>
      <translation>Điều chỉnh lần chốt sổ ngày {day}</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="272" />
      <source>Correction</source>
      <translation>Điều chỉnh</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="277" />
      <source>Counter {n}</source>
      <translation>Quầy {n}</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="338" />
      <source>Correction of {amount} recorded for counter {n}.</source>
      <translation>Đã ghi điều chỉnh {amount} cho quầy {n}.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="346" />
      <source>Closing of counter {n}, {day}</source>
      <translation>Chốt sổ quầy {n}, ngày {day}</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="356" />
      <source>Export the closing</source>
      <translation>Xuất bảng chốt sổ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="356" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="360" />
      <source>Saved {name}.</source>
      <translation>Đã lưu {name}.</translation>
    </message>
  </context>
  <context>
    <name>CorrectionDialog</name>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="72" />
      <source>Correct a closing</source>
      <translation>Điều chỉnh chốt sổ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="75" />
      <source>Counter {n}, closed at {at} by {who}: difference {difference}, corrected so far {corrected}, still open {left}.</source>
      <translation>Quầy {n}, chốt sổ lúc {at}, người chốt {who}: chênh lệch {difference}, đã điều chỉnh {corrected}, còn chênh lệch {left}.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="86" />
      <source>e.g. 20.000 đ found in the drawer the next morning</source>
      <translation>ví dụ: sáng hôm sau tìm thấy 20.000 đ trong ngăn kéo</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="100" />
      <source>Amount (+ found, − missing):</source>
      <translation>Số tiền (+ tìm thấy, − thiếu):</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="101" />
      <source>Reason:</source>
      <translation>Lý do:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="102" />
      <source>The closing stays as it was: the correction is an entry of its own, dated today, shown with the counter's next closing.</source>
      <translation>Lần chốt sổ giữ nguyên: điều chỉnh là một mục riêng, ghi ngày hôm nay, hiện cùng lần chốt sổ tiếp theo của quầy.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="106" />
      <source>Record the correction</source>
      <translation>Ghi điều chỉnh</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="108" />
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
    <message>
      <location filename="../../ui/fees/closings_page.py" line="125" />
      <source>Enter the amount in đồng, with − if it is missing.</source>
      <translation>Nhập số tiền bằng đồng, thêm dấu − nếu là tiền thiếu.</translation>
    </message>
  </context>
  <context>
    <name>PaperNumberDialog</name>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="84" />
      <source>Paper receipt number</source>
      <translation>Số biên lai giấy</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="86" />
      <source>Dossier {code}: {payer}, {amount}. Enter the identifiers printed on the paper receipt handed over.</source>
      <translation>Hồ sơ {code}: {payer}, {amount}. Nhập mẫu số, ký hiệu và số in trên biên lai giấy đã giao.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="103" />
      <source>Template code:</source>
      <translation>Mẫu số:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="104" />
      <source>Symbol:</source>
      <translation>Ký hiệu:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="105" />
      <source>Number:</source>
      <translation>Số:</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="107" />
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="109" />
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
  </context>
  <context>
    <name>ReceiptsPage</name>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="143" />
      <source>Dossier</source>
      <translation>Hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="143" />
      <source>Payer</source>
      <translation>Người nộp</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="143" />
      <source>Amount</source>
      <translation>Số tiền</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="144" />
      <source>State</source>
      <translation>Trạng thái</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="144" />
      <source>Waiting since</source>
      <translation>Chờ từ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="144" />
      <source>Provider's answer</source>
      <translation>Trả lời của nhà cung cấp</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="147" />
      <source>Every payment has its receipt.</source>
      <translation>Mọi khoản nộp đều đã có biên lai.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="152" />
      <source>Issue again</source>
      <translation>Phát hành lại</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="155" />
      <source>Enter a paper receipt number…</source>
      <translation>Nhập số biên lai giấy…</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="158" />
      <source>Open the dossier</source>
      <translation>Mở hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="161" />
      <source>Send now</source>
      <translation>Gửi ngay</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="164" />
      <source>Close the counter…</source>
      <translation>Chốt sổ quầy…</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="169" />
      <source>Log in at a counter to close it.</source>
      <translation>Đăng nhập tại một quầy để chốt sổ quầy đó.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="176" />
      <source>Receipts waiting to be issued</source>
      <translation>Biên lai chờ phát hành</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="179" />
      <source>Refresh (Ctrl+R)</source>
      <translation>Tải lại (Ctrl+R)</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="194" />
      <source>Fee collection ({n})</source>
      <translation>Thu phí ({n})</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="194" />
      <source>Fee collection</source>
      <translation>Thu phí</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="227" />
      <source>E-receipts are issued by the provider in the background; those listed have no number yet. One the provider refused can be issued again once the cause is fixed, or replaced by a paper receipt.</source>
      <translation>Biên lai điện tử được nhà cung cấp phát hành ngầm; các biên lai dưới đây chưa có số. Biên lai bị từ chối có thể phát hành lại sau khi khắc phục nguyên nhân, hoặc thay bằng biên lai giấy.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="230" />
      <source>E-receipts are off: hand over a paper receipt from the office's book and enter its number here.</source>
      <translation>Chưa bật biên lai điện tử: giao biên lai giấy của cơ quan cho người nộp rồi nhập số biên lai tại đây.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="241" />
      <source>{error} (sent again at {at})</source>
      <translation>{error} (gửi lại lúc {at})</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="281" />
      <source>Dossier {code}: the receipt is sent to the provider again.</source>
      <translation>Hồ sơ {code}: đã gửi lại biên lai cho nhà cung cấp.</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="285" />
      <source>Sending the waiting receipts to the provider…</source>
      <translation>Đang gửi các biên lai chờ cho nhà cung cấp…</translation>
    </message>
    <message>
      <location filename="../../ui/fees/receipts_page.py" line="314" />
      <source>Dossier {code}: {identifier}.</source>
      <translation>Hồ sơ {code}: {identifier}.</translation>
    </message>
  </context>
</TS>