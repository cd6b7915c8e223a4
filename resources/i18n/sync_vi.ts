<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
  <context>
    <name>CorrectDialog</name>
    <message>
      <location filename="../../ui/sync/page.py" line="62" />
      <source>Correct the details of {code}</source>
      <translation>Sửa thông tin hồ sơ {code}</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="66" />
      <source>The portal refused «{change}»:</source>
      <translation>Cổng không nhận «{change}»:</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="79" />
      <source>Reason for the correction:</source>
      <translation>Lý do sửa:</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="80" />
      <source>Send the refused change again after saving</source>
      <translation>Gửi lại thay đổi bị từ chối sau khi lưu</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="90" />
      <source>Save</source>
      <translation>Lưu</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="91" />
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
  </context>
  <context>
    <name>OnlineInboxPage</name>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="101" />
      <source>OK</source>
      <translation>Đồng ý</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="102" />
      <source>Cancel</source>
      <translation>Hủy</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="140" />
      <source>Refresh (Ctrl+R)</source>
      <translation>Làm mới (Ctrl+R)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="146" />
      <source>Online dossiers waiting for the counter</source>
      <translation>Hồ sơ trực tuyến chờ tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="152" />
      <source>Filed at</source>
      <translation>Nộp lúc</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="152" />
      <source>Code</source>
      <translation>Mã hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="152" />
      <source>Applicant</source>
      <translation>Người nộp</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="152" />
      <source>Procedure</source>
      <translation>Thủ tục</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="153" />
      <source>Level</source>
      <translation>Mức độ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="153" />
      <source>Whole process</source>
      <translation>Toàn trình</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="153" />
      <source>Files</source>
      <translation>Tệp đã tải</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="160" />
      <source>The citizen's files (double-click to open)</source>
      <translation>Tệp công dân gửi kèm (bấm đúp để mở)</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="164" />
      <source>Open the dossier</source>
      <translation>Mở hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="182" />
      <source>Open the citizen's files, then receive the dossier, refuse it or ask for a supplement; the answer goes to the portal at the next sync.</source>
      <translation>Xem các tệp công dân gửi kèm rồi tiếp nhận, từ chối hoặc yêu cầu bổ sung hồ sơ; kết quả được gửi lên cổng ở lần đồng bộ tới.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="185" />
      <source>Your role can look at online dossiers but cannot receive them.</source>
      <translation>Vai trò của bạn chỉ được xem hồ sơ trực tuyến, không được tiếp nhận.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="230" />
      <source>{fetched} of {n} files downloaded from the portal</source>
      <translation>Đã tải {fetched}/{n} tệp từ cổng</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="234" />
      <source>{n} waiting · updated at {time}</source>
      <translation>{n} hồ sơ chờ · cập nhật lúc {time}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="236" />
      <source>No online dossier is waiting · updated at {time}</source>
      <translation>Không có hồ sơ trực tuyến nào chờ · cập nhật lúc {time}</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="240" />
      <source>Yes</source>
      <translation>Có</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="240" />
      <source>No</source>
      <translation>Không</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="258" />
      <source>The citizen attached no file.</source>
      <translation>Công dân không gửi kèm tệp nào.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="264" />
      <source>not downloaded yet</source>
      <translation>chưa tải về</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="294" />
      <source>No program on this computer opens the file «{name}».</source>
      <translation>Máy này không có chương trình mở được tệp «{name}».</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="309" />
      <source>Dossier {code} is received; the portal will be told at the next sync.</source>
      <translation>Đã tiếp nhận hồ sơ {code}; cổng sẽ được cập nhật ở lần đồng bộ tới.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="312" />
      <source>Dossier {code} is received. Print its receipt now?</source>
      <translation>Đã tiếp nhận hồ sơ {code}. In giấy tiếp nhận ngay?</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="313" />
      <source>Print the receipt</source>
      <translation>In giấy tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="313" />
      <source>Not now</source>
      <translation>Để sau</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="346" />
      <source>Dossier {code} is refused; the portal will be told at the next sync.</source>
      <translation>Đã từ chối hồ sơ {code}; cổng sẽ được cập nhật ở lần đồng bộ tới.</translation>
    </message>
    <message>
      <location filename="../../ui/dossiers/online_inbox.py" line="348" />
      <source>A supplement is asked for dossier {code}; the portal will be told at the next sync.</source>
      <translation>Đã yêu cầu bổ sung hồ sơ {code}; cổng sẽ được cập nhật ở lần đồng bộ tới.</translation>
    </message>
  </context>
  <context>
    <name>SyncPage</name>
    <message>
      <location filename="../../ui/sync/page.py" line="135" />
      <source>Synchronisation with the public-service portal</source>
      <translation>Đồng bộ với cổng dịch vụ công</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="147" />
      <source>Connection</source>
      <translation>Kết nối</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="157" />
      <source>No sync since the window opened.</source>
      <translation>Chưa đồng bộ lần nào từ khi mở cửa sổ.</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="164" />
      <source>State:</source>
      <translation>Trạng thái:</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="165" />
      <source>Portal address:</source>
      <translation>Địa chỉ cổng:</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="166" />
      <source>Changes waiting:</source>
      <translation>Thay đổi chờ gửi:</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="167" />
      <source>Last successful sync:</source>
      <translation>Đồng bộ thành công gần nhất:</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="168" />
      <source>Last cycle:</source>
      <translation>Lần đồng bộ gần nhất:</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="169" />
      <source>Last error:</source>
      <translation>Lỗi gần nhất:</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="170" />
      <source>Sync now</source>
      <translation>Đồng bộ ngay</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="182" />
      <source>Code</source>
      <translation>Mã hồ sơ</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="182" />
      <location filename="../../ui/sync/page.py" line="201" />
      <source>Applicant</source>
      <translation>Người nộp</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="182" />
      <source>Change</source>
      <translation>Thay đổi</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="182" />
      <source>The portal's reasons</source>
      <translation>Lý do cổng không nhận</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="183" />
      <source>Refused at</source>
      <translation>Bị từ chối lúc</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="183" />
      <source>Waiting behind</source>
      <translation>Thay đổi chờ sau</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="186" />
      <source>Correct details…</source>
      <translation>Sửa thông tin…</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="189" />
      <source>Send again</source>
      <translation>Gửi lại</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="192" />
      <source>The portal refused these changes for good. Correct what it names and send again; the dossier's later changes wait behind the refused one.</source>
      <translation>Cổng không nhận các thay đổi này. Sửa đúng thông tin cổng nêu rồi gửi lại; các thay đổi sau của cùng hồ sơ chờ đến khi thay đổi này được nhận.</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="201" />
      <source>Provisional code</source>
      <translation>Mã tạm</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="201" />
      <source>Official code</source>
      <translation>Mã chính thức</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="201" />
      <source>Phone</source>
      <translation>Điện thoại</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="202" />
      <source>Replaced at</source>
      <translation>Thay mã lúc</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="204" />
      <source>Reprint the receipt</source>
      <translation>In lại giấy tiếp nhận</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="207" />
      <source>Citizen notified</source>
      <translation>Đã báo công dân</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="210" />
      <source>Registered offline under a provisional code, these dossiers now have an official one: reprint the receipt, or tell the citizen the new code.</source>
      <translation>Các hồ sơ này tiếp nhận khi mất mạng với mã tạm, nay đã có mã chính thức: in lại giấy tiếp nhận hoặc báo mã mới cho công dân.</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="232" />
      <source>Syncing…</source>
      <translation>Đang đồng bộ…</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="245" />
      <source>never</source>
      <translation>chưa lần nào</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="246" />
      <source>none</source>
      <translation>không có</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="285" />
      <source>Changes the portal refused ({n})</source>
      <translation>Thay đổi cổng không nhận ({n})</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="286" />
      <source>Receipts to reprint, citizens to notify ({n})</source>
      <translation>Giấy tiếp nhận cần in lại, công dân cần báo mã mới ({n})</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="325" />
      <source>The details of {code} are corrected.</source>
      <translation>Đã sửa thông tin hồ sơ {code}.</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="326" />
      <source>The change goes to the portal again now.</source>
      <translation>Thay đổi đang được gửi lại lên cổng.</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="327" />
      <source>Press «Send again» to send the refused change.</source>
      <translation>Bấm «Gửi lại» để gửi lại thay đổi bị từ chối.</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="342" />
      <source>The change of {code} goes to the portal again now.</source>
      <translation>Thay đổi của hồ sơ {code} đang được gửi lại lên cổng.</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="353" />
      <source>The receipt of {code} is being printed.</source>
      <translation>Đang in giấy tiếp nhận hồ sơ {code}.</translation>
    </message>
    <message>
      <location filename="../../ui/sync/page.py" line="357" />
      <source>The citizen of {code} was told the official code.</source>
      <translation>Đã báo mã chính thức {code} cho công dân.</translation>
    </message>
  </context>
  <context>
    <name>SyncStatus</name>
    <message>
      <location filename="../../ui/sync/status.py" line="30" />
      <source>Portal: not connected</source>
      <translation>Cổng DVC: chưa kết nối</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="32" />
      <source>Portal: not connected (not configured)</source>
      <translation>Cổng DVC: chưa kết nối (chưa cấu hình cổng)</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="34" />
      <source>Portal: wrong access token</source>
      <translation>Cổng DVC: sai mã truy cập</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="36" />
      <source>Portal: connecting…</source>
      <translation>Cổng DVC: đang kết nối…</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="38" />
      <source>Portal: online</source>
      <translation>Cổng DVC: trực tuyến</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="39" />
      <source>Portal: offline</source>
      <translation>Cổng DVC: mất kết nối</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="43" />
      <source>{n} waiting to send</source>
      <translation>{n} chờ gửi</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="49" />
      <source>never synced</source>
      <translation>chưa đồng bộ lần nào</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="50" />
      <source>synced {time}</source>
      <translation>đồng bộ {time}</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="54" />
      <source>{n} refused</source>
      <translation>{n} bị từ chối</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="59" />
      <source>Synchronisation with the public-service portal: click for details.</source>
      <translation>Đồng bộ với cổng dịch vụ công: bấm để xem chi tiết.</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="62" />
      <source>No portal is configured (settings portal.url and portal.token): dossier codes are issued here.</source>
      <translation>Chưa cấu hình cổng dịch vụ công (cài đặt portal.url và portal.token): mã hồ sơ do cơ quan tự cấp.</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="67" />
      <source>Last successful sync: {time}</source>
      <translation>Đồng bộ thành công gần nhất: {time}</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="70" />
      <source>Changes waiting to send: {n}; refused by the portal: {q}</source>
      <translation>Thay đổi chờ gửi: {n}; bị cổng từ chối: {q}</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="74" />
      <source>Last error: {error}</source>
      <translation>Lỗi gần nhất: {error}</translation>
    </message>
    <message>
      <location filename="../../ui/sync/status.py" line="76" />
      <source>Click to open the portal sync page.</source>
      <translation>Bấm để mở trang Đồng bộ cổng.</translation>
    </message>
  </context>
</TS>