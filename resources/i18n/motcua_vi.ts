<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="38" />
        <source>Một Cửa: reception and result return</source>
        <translation>Một Cửa: tiếp nhận và trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="43" />
        <source>Intake</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="43" />
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="43" />
        <source>Return results</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="44" />
        <source>Procedures</source>
        <translation>Tra cứu thủ tục</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="44" />
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="44" />
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="58" />
        <source>Unit code:</source>
        <translation>Mã đơn vị:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="59" />
        <source>Database:</source>
        <translation>Cơ sở dữ liệu:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="60" />
        <source>Procedures in the catalog:</source>
        <translation>Thủ tục trong danh mục:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="61" />
        <source>Dossiers:</source>
        <translation>Số hồ sơ:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="63" />
        <source>Demo accounts:</source>
        <translation>Tài khoản dùng thử:</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="64" />
        <source>{logins} (password: {password})</source>
        <translation>{logins} (mật khẩu: {password})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="67" />
        <source>The counter desk (intake, dossier list, result return) is coming in the next version.</source>
        <translation>Màn hình quầy (tiếp nhận, danh sách hồ sơ, trả kết quả) sẽ có trong phiên bản kế tiếp.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="91" />
        <source>Portal: not connected</source>
        <translation>Cổng DVC: chưa kết nối</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="92" />
        <source>Devices: none</source>
        <translation>Thiết bị: chưa có</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../ui/main.py" line="63" />
        <source>Cannot open the database</source>
        <translation>Không mở được cơ sở dữ liệu</translation>
    </message>
</context>
</TS>