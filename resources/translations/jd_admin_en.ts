<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdjustmentDialog</name>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="84"/>
        <source>增加调整行：{month} 的结算</source>
        <translation>Add an adjustment line: settlement of {month}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="86"/>
        <source>已审批的结算不能修改：更正以前月份某个场馆的补贴，在本月结算中增加一行调整（负数为追回多付的补贴）。</source>
        <translation>An approved settlement cannot be changed: to correct a venue&apos;s subsidy of an earlier month, add an adjustment line to this month&apos;s settlement (a negative amount recovers an overpayment).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="97"/>
        <source>如 -4.00 或 12.50</source>
        <translation>e.g. -4.00 or 12.50</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="100"/>
        <source>更正月份：</source>
        <translation>Month corrected:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="101"/>
        <source>更正的场馆结算行：</source>
        <translation>Venue line corrected:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="102"/>
        <source>补贴调整（元）：</source>
        <translation>Subsidy adjustment (yuan):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="103"/>
        <source>调整原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="106"/>
        <source>增加调整行</source>
        <translation>Add adjustment line</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="112"/>
        <source>没有可以更正的月份：只有以前月份已审批的结算能调整。</source>
        <translation>No month can be corrected: only approved settlements of earlier months can be adjusted.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="130"/>
        <source>{venue}（补贴 {subsidy} 元，{n} 张券）</source>
        <translation>{venue} (subsidy {subsidy} yuan, {n} vouchers)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="138"/>
        <source>请选择要更正的场馆结算行</source>
        <translation>Please choose the venue line to correct</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="199"/>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="201"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="204"/>
        <source>新建用户…</source>
        <translation>New user…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="207"/>
        <source>重置密码…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="209"/>
        <location filename="../../jd_admin/ui/admin/page.py" line="290"/>
        <location filename="../../jd_admin/ui/admin/page.py" line="343"/>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="211"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="218"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="219"/>
        <source>姓名</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="220"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="221"/>
        <source>所属街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="222"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="223"/>
        <source>须修改密码</source>
        <translation>Must change password</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="224"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="225"/>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="232"/>
        <source>协议当事方</source>
        <translation>Agreement parties</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="235"/>
        <source>三方合作协议中甲方（区体育局）和丙方（配送平台运营机构）的信息；生成协议时写入协议，已生成的协议不受修改影响。</source>
        <translation>Details of Party A (the district sports bureau) and Party C (the distribution platform operator) in the three-party agreement. They are written into each agreement when it is generated; changes here do not affect agreements already generated.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="239"/>
        <source>甲方：区体育局</source>
        <translation>Party A: district sports bureau</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="240"/>
        <source>丙方：配送平台运营机构</source>
        <translation>Party C: distribution platform operator</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="246"/>
        <source>本机界面设置</source>
        <translation>Settings on this computer</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="248"/>
        <source>界面语言：</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="256"/>
        <source>（下次登录时生效；各用户也可在“语言”菜单中设置）</source>
        <translation>(applies from the next login; every user can also set it in the Language menu)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="347"/>
        <source>{action} {name}（{login}）。</source>
        <translation>{action} {name} ({login}).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="349"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="369"/>
        <source>界面语言已保存，注销后重新登录（或重新启动程序）时生效。</source>
        <translation>The interface language is saved. It applies when you log out and log in again (or restart the program).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="258"/>
        <source>无操作自动锁定：</source>
        <translation>Lock when idle:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="262"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="265"/>
        <source>本机无键盘和鼠标操作达到此时间后隐藏所有窗口并要求重新输入密码（下次登录起生效）。</source>
        <translation>After this long without keyboard or mouse input on this desktop, all windows are hidden and the password is asked again (from the next login).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="280"/>
        <source>停用</source>
        <comment>state</comment>
        <translation>Disable</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="282"/>
        <source>锁定至 {t}</source>
        <translation>Locked until {t}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="283"/>
        <source>启用</source>
        <comment>state</comment>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="290"/>
        <location filename="../../jd_admin/ui/admin/page.py" line="343"/>
        <source>启用</source>
        <translation>Enable</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="327"/>
        <source>已创建用户 {name}。请把初始密码当面交给本人，首次登录时须修改。</source>
        <translation>User {name} created. Hand the initial password to the person directly; it must be changed at first login.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="336"/>
        <source>已重置 {name} 的密码。</source>
        <translation>The password of {name} has been reset.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="346"/>
        <source>{action}用户</source>
        <translation>{action} user</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="353"/>
        <source>已{action}用户 {name}。</source>
        <translation>{action}: user {name} done.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="364"/>
        <source>已解除 {name} 的锁定。</source>
        <translation>{name} has been unlocked.</translation>
    </message>
</context>
<context>
    <name>AgreementsPage</name>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="88"/>
        <source>三方合作协议</source>
        <translation>Three-party agreements</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="93"/>
        <source>协议编号</source>
        <translation>Agreement no.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="94"/>
        <source>场馆</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="95"/>
        <source>街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="96"/>
        <source>期限</source>
        <translation>Term</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="96"/>
        <location filename="../../jd_admin/ui/agreements/page.py" line="347"/>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="99"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="101"/>
        <source>生效日</source>
        <translation>In force from</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="102"/>
        <source>续签自</source>
        <translation>Renewal of</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="127"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="133"/>
        <source>按场馆名称或协议编号搜索</source>
        <translation>Search by venue name or agreement number</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="134"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="127"/>
        <location filename="../../jd_admin/ui/agreements/page.py" line="181"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="139"/>
        <source>生成协议…</source>
        <translation>Generate agreement…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="141"/>
        <source>送签</source>
        <translation>Send for signature</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="142"/>
        <source>登记签署日期…</source>
        <translation>Record signing dates…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="144"/>
        <source>上传扫描件…</source>
        <translation>Upload scan…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="145"/>
        <source>确认生效</source>
        <translation>Confirm in force</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="146"/>
        <location filename="../../jd_admin/ui/agreements/page.py" line="381"/>
        <source>终止…</source>
        <translation>Terminate…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="147"/>
        <source>续签…</source>
        <translation>Renew…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="148"/>
        <source>打印协议…</source>
        <translation>Print agreement…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="165"/>
        <source>请在上方列表中选择一份协议，查看签署情况、扫描件和办理记录。</source>
        <translation>Select an agreement in the list above to see its signatures, scans and processing history.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="181"/>
        <source>期限：</source>
        <translation>Term:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="182"/>
        <source>生效日：</source>
        <translation>In force from:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="182"/>
        <source>续签自：</source>
        <translation>Renewal of:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="183"/>
        <source>送签时间：</source>
        <translation>Sent for signature:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="184"/>
        <source>甲方签署：</source>
        <translation>Signed by Party A:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="184"/>
        <source>乙方签署：</source>
        <translation>Signed by Party B:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="185"/>
        <source>丙方签署：</source>
        <translation>Signed by Party C:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="185"/>
        <source>扫描件：</source>
        <translation>Scans:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="186"/>
        <source>终止：</source>
        <translation>Terminated:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="207"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="209"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="211"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="212"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="213"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="214"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="217"/>
        <source>办理记录</source>
        <translation>Processing history</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="223"/>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="224"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="226"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="228"/>
        <source>上传时间</source>
        <translation>Uploaded</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="235"/>
        <source>双击或选中后点“查看”，用系统的阅读器打开。</source>
        <translation>Double-click a file, or select it and click “View”, to open it in the system viewer.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="237"/>
        <source>查看</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="240"/>
        <source>签署后的扫描件</source>
        <translation>Signed scans</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="285"/>
        <source>共 {n} 份协议</source>
        <translation>{n} agreements</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="338"/>
        <source>{number}&#x3000;{venue}</source>
        <translation>{number}  {venue}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="340"/>
        <source>未签署</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="343"/>
        <source>{on}，{reason}</source>
        <translation>{on}, {reason}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="356"/>
        <source>{n} 份</source>
        <translation>{n} file(s)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="356"/>
        <source>未上传</source>
        <translation>Not uploaded</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="361"/>
        <source>签署后的扫描件（{n}）</source>
        <translation>Signed scans ({n})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="379"/>
        <source>{action}…</source>
        <translation>{action}…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="425"/>
        <source>没有可以生成协议的申请：区体育局审定通过的场馆都已有协议。</source>
        <translation>There are no applications to generate an agreement from: every venue with final approval from the sports bureau already has an agreement.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="429"/>
        <source>已生成协议草稿。请打印协议，送三方签署。</source>
        <translation>The draft agreement has been generated. Print it and send it to the three parties for signature.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="448"/>
        <source>选择签署后的协议扫描件</source>
        <translation>Choose the scan of the signed agreement</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="449"/>
        <source>PDF 或图片 (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>PDF or images (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="453"/>
        <source>无法读取文件“{name}”：{error}</source>
        <translation>Cannot read the file “{name}”: {error}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="475"/>
        <source>确认协议 {number} 生效吗？
生效后协议内容不能再修改，场馆自生效日起可以核销消费券。</source>
        <translation>Put agreement {number} in force?
Once in force, the agreement can no longer be changed, and the venue can redeem vouchers from the in-force date.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="480"/>
        <source>协议 {number} 已生效。</source>
        <translation>Agreement {number} is now in force.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="488"/>
        <source>终止</source>
        <translation>Terminate</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="502"/>
        <source>已生成续签协议草稿。请打印协议，送三方签署。</source>
        <translation>The draft renewal agreement has been generated. Print it and send it to the three parties for signature.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="505"/>
        <source>无法写入临时文件“{path}”。如果它正在其他程序中打开，请先关闭后重试。</source>
        <translation>Cannot write the temporary file “{path}”. If it is open in another program, close it and try again.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/page.py" line="531"/>
        <source>协议 {number} 中以下信息为空：{missing}。请补全后重新生成协议，不要送签这份协议。</source>
        <translation>These fields of agreement {number} are empty: {missing}. Complete them and generate the agreement again; do not send this one for signature.</translation>
    </message>
</context>
<context>
    <name>AlertLineDialog</name>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="122"/>
        <source>新增警戒线</source>
        <translation>New alert line</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="123"/>
        <source>选择全区默认或一个场馆，填写每日核销张数上限和生效日期。</source>
        <translation>Choose the district default or a venue, and give the most vouchers a day and the date it takes effect.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="127"/>
        <source>全区默认</source>
        <translation>District default</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="136"/>
        <source> 张/日</source>
        <translation> a day</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="139"/>
        <source>采用建议值</source>
        <translation>Use the suggestion</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="147"/>
        <source>适用范围：</source>
        <translation>Applies to:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="148"/>
        <source>警戒线：</source>
        <translation>Alert line:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="149"/>
        <source>按容量建议：</source>
        <translation>Suggested by capacity:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="150"/>
        <source>生效日期：</source>
        <translation>Effective from:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="153"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="162"/>
        <source>（全区默认不按容量计算）</source>
        <translation>(the district default is not computed from capacity)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="164"/>
        <source>名录中没有该场馆的容量</source>
        <translation>The register has no capacity for this venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="166"/>
        <source>容量 {capacity} 人 × {per} 张 = {line} 张/日</source>
        <translation>Capacity {capacity} × {per} = {line} a day</translation>
    </message>
</context>
<context>
    <name>AlertLinesWidget</name>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="51"/>
        <source>警戒线是一个场馆一天核销消费券的张数上限，超过即生成“超过警戒线”预警。场馆未单独设置时适用全区默认警戒线。修改警戒线就是新增一个生效日期不早于今天的版本，已过去的日子始终按当时的警戒线判断。</source>
        <extracomment>What the widget loads: every line version, and the venues a line may be set for.</extracomment>
        <translation>The alert line is the most vouchers a venue may redeem in a day; above it an “above the alert line” warning is raised. A venue without its own line has the district default. Changing a line adds a version effective today or later: a past day is always judged by the line it had.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="55"/>
        <source>新增警戒线…</source>
        <translation>New alert line…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="57"/>
        <source>按容量设置全部场馆…</source>
        <translation>Set every venue from capacity…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="64"/>
        <source>适用范围</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="65"/>
        <source>全区默认</source>
        <translation>District default</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="66"/>
        <source>警戒线（张/日）</source>
        <translation>Alert line (a day)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="67"/>
        <source>生效日期</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="68"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="69"/>
        <source>场馆容量（人）</source>
        <translation>Capacity (people)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="71"/>
        <source>设置人</source>
        <translation>Set by</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="110"/>
        <source>已新增警戒线版本。</source>
        <translation>The alert line version was added.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="114"/>
        <source>已按容量为定点场馆设置警戒线。</source>
        <translation>Alert lines were set for the designated venues from their capacity.</translation>
    </message>
</context>
<context>
    <name>ApplicationDetailDialog</name>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="175"/>
        <source>申请信息</source>
        <translation>Application details</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="176"/>
        <source>申请材料</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="177"/>
        <source>审核意见</source>
        <translation>Review comments</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="178"/>
        <source>办理记录</source>
        <translation>Processing history</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="182"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="189"/>
        <source>打印审核表…</source>
        <translation>Print review form…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="193"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="223"/>
        <source>经纬度</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="224"/>
        <source>{label}：</source>
        <translation>{label}:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="229"/>
        <source>项目</source>
        <translation>Sport</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="230"/>
        <source>挂牌价（元）</source>
        <translation>Listed price (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="235"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="236"/>
        <source>资格证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="237"/>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="240"/>
        <source>运动项目及挂牌价</source>
        <translation>Sports and listed prices</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="242"/>
        <source>教练及资格证书</source>
        <translation>Coaches and certificates</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="251"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="252"/>
        <source>文件名</source>
        <translation>File name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="253"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="255"/>
        <source>上传人</source>
        <translation>Uploaded by</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="256"/>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="313"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="268"/>
        <source>材料类别：</source>
        <translation>Document category:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="269"/>
        <source>上传…</source>
        <translation>Upload…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="272"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="275"/>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="284"/>
        <source>可上传 PDF、JPEG 或 PNG 文件，每个不超过 20 MB。提交前必须上传营业执照（或事业单位法人证书）。</source>
        <translation>You can upload PDF, JPEG or PNG files of up to 20 MB each. The business licence (or public institution legal person certificate) must be uploaded before the application is submitted.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="294"/>
        <source>街镇审核意见</source>
        <translation>Subdistrict review comments</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="295"/>
        <source>区体育局审定意见</source>
        <translation>Sports bureau final approval comments</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="315"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="317"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="318"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="319"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="320"/>
        <source>意见</source>
        <translation>Comments</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="337"/>
        <source>自荐申请 {number}</source>
        <translation>Application {number}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="347"/>
        <source>招募公告：{call}&#x3000;&#x3000;街镇：{subdistrict}</source>
        <translation>Recruitment call: {call}    Subdistrict: {subdistrict}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="358"/>
        <source>{n} 人</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="361"/>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="365"/>
        <source>未填写</source>
        <translation>Not filled in</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="372"/>
        <source>申请材料（{n}）</source>
        <translation>Documents ({n})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="382"/>
        <source>尚未审核</source>
        <translation>Not reviewed yet</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="385"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="386"/>
        <source>审核人：{name}&#x3000;&#x3000;时间：{at}</source>
        <translation>Reviewer: {name}    Time: {at}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="479"/>
        <source>申请 {number} 还不能提交：
{faults}</source>
        <translation>Application {number} cannot be submitted yet:
{faults}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="496"/>
        <source>确定{action}申请 {number}（{venue}）吗？</source>
        <translation>Confirm “{action}” for application {number} ({venue})?</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="506"/>
        <source>{venue} 已审定通过并列入定点场馆名录。下一步请在“协议”页生成三方合作协议。</source>
        <translation>{venue} has received final approval and has been added to the register of designated venues. Next, generate the three-party agreement on the “Agreements” page.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="510"/>
        <source>选择要上传的材料</source>
        <translation>Choose the document to upload</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="511"/>
        <source>PDF 或图片 (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>PDF or images (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="526"/>
        <source>删除材料“{name}”（{kind}）吗？</source>
        <translation>Delete the document “{name}” ({kind})?</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="557"/>
        <source>无法显示图片“{name}”，文件可能已损坏。</source>
        <translation>Cannot display the image “{name}”; the file may be damaged.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="582"/>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="585"/>
        <source>正在生成审核表…</source>
        <translation>Generating the review form…</translation>
    </message>
</context>
<context>
    <name>ApplicationFormDialog</name>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="88"/>
        <source>登记场馆自荐申请</source>
        <translation>Register a venue application</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="90"/>
        <source>修改自荐申请 {number}</source>
        <translation>Edit application {number}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="105"/>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="109"/>
        <source>招募公告：</source>
        <translation>Recruitment call:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="117"/>
        <source>（请选择）</source>
        <translation>(please select)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="122"/>
        <source>18 位，如 91310114MA1G8J2K35</source>
        <translation>18 characters, e.g. 91310114MA1G8J2K35</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="126"/>
        <source>11 位手机号</source>
        <translation>11-digit mobile number</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="128"/>
        <source>如 周一至周日 9:00-21:00</source>
        <translation>e.g. Mon–Sun 9:00–21:00</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="132"/>
        <source> 人</source>
        <translation> people</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="134"/>
        <source>经度，如 121.2655</source>
        <translation>Longitude, e.g. 121.2655</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="136"/>
        <source>纬度，如 31.3758</source>
        <translation>Latitude, e.g. 31.3758</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="137"/>
        <source>场馆信息</source>
        <translation>Venue details</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="139"/>
        <source>场馆名称：</source>
        <translation>Venue name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="140"/>
        <source>场馆类型：</source>
        <translation>Venue type:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="141"/>
        <source>地址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="142"/>
        <source>统一社会信用代码：</source>
        <translation>Unified social credit code:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="143"/>
        <source>法定代表人：</source>
        <translation>Legal representative:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="144"/>
        <source>联系人：</source>
        <translation>Contact:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="145"/>
        <source>联系人手机：</source>
        <translation>Contact mobile:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="146"/>
        <source>开放时间：</source>
        <translation>Opening hours:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="147"/>
        <source>可容纳人数：</source>
        <translation>Capacity:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="151"/>
        <source>经纬度（选填）：</source>
        <translation>Coordinates (optional):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="154"/>
        <source>项目</source>
        <translation>Sport</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="154"/>
        <source>挂牌价（元）</source>
        <translation>Listed price (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="158"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="158"/>
        <source>资格证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="158"/>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="164"/>
        <source>运动项目及挂牌价</source>
        <translation>Sports and listed prices</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="166"/>
        <source>教练及资格证书（选填）</source>
        <translation>Coaches and certificates (optional)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="172"/>
        <source>只填数字，可用空格分组</source>
        <translation>Digits only; spaces may be used for grouping</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="173"/>
        <source>补贴结算账户</source>
        <translation>Subsidy settlement account</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="175"/>
        <source>开户银行：</source>
        <translation>Bank:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="176"/>
        <source>账户名称：</source>
        <translation>Account name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="177"/>
        <source>银行账号：</source>
        <translation>Account number:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="181"/>
        <source>简述安全管理与防疫措施</source>
        <translation>Briefly describe safety management and epidemic-prevention measures</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="183"/>
        <source>安全与防疫措施（选填）</source>
        <translation>Safety and epidemic-prevention measures (optional)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="225"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="226"/>
        <source>保存后为草稿。在申请详情中上传营业执照等材料后，再提交街镇审核。</source>
        <translation>The application is saved as a draft. Upload the business licence and other documents in the application details, then submit it for subdistrict review.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="302"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="304"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="380"/>
        <source>报名时间 {start} 至 {end}；适用：{types}；项目：{sports}</source>
        <translation>Applications {start} to {end}; for: {types}; sports: {sports}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="408"/>
        <source>应为小数形式的度数，如 121.2655</source>
        <translation>Must be in decimal degrees, e.g. 121.2655</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="421"/>
        <source>请填写挂牌价</source>
        <translation>Enter the listed price</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="430"/>
        <source>请选择场馆类型</source>
        <translation>Select the venue type</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="468"/>
        <source>当前没有处于报名期的招募公告，不能登记申请</source>
        <translation>No recruitment call is currently open for applications, so no application can be registered</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="513"/>
        <source>请更正以下内容后再保存：</source>
        <translation>Correct the following before saving:</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="44"/>
        <source>审计日志</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="47"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="48"/>
        <source>操作人</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="49"/>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="50"/>
        <location filename="../../jd_admin/ui/audit/page.py" line="74"/>
        <source>记录编号</source>
        <translation>Record number</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="51"/>
        <source>动作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="52"/>
        <source>原状态</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="53"/>
        <source>新状态</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="54"/>
        <source>说明</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="55"/>
        <source>详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="56"/>
        <source>序号</source>
        <translation>Sequence</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="71"/>
        <source>记录类型：</source>
        <translation>Record type:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="71"/>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="76"/>
        <source>操作人：</source>
        <translation>User:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="76"/>
        <source>全部用户</source>
        <translation>All users</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="78"/>
        <source>类别：</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="78"/>
        <source>全部类别</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="79"/>
        <source>时间：</source>
        <translation>Time:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="90"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="138"/>
        <source>显示最新的 {n} 条（请缩小范围）</source>
        <translation>Showing the newest {n} rows (narrow the filter)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/audit/page.py" line="140"/>
        <source>共 {n} 条</source>
        <translation>{n} rows</translation>
    </message>
</context>
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="70"/>
        <source>新建发放批次</source>
        <translation>New issuance batch</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="71"/>
        <source>批次保存为草稿，发布后配送平台方可在领取时间内向市民发放。预算指本批次的政府补贴预算；场馆让利由场馆承担，不计入预算。</source>
        <translation>The batch is saved as a draft. Once it is published, the distribution platform can issue vouchers to citizens during the claim period. The budget is the government subsidy budget for this batch; the venue concession is borne by the venues and does not count towards the budget.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="84"/>
        <source>如 2026-12</source>
        <translation>e.g. 2026-12</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="91"/>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="102"/>
        <source>无（普通券）</source>
        <translation>None (general voucher)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="118"/>
        <source>批次编号：</source>
        <translation>Batch code:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="119"/>
        <source>批次名称：</source>
        <translation>Batch name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="120"/>
        <source>补贴预算（元）：</source>
        <translation>Subsidy budget (yuan):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="122"/>
        <source>领取开始（北京时间）：</source>
        <translation>Claims open (Beijing time):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="123"/>
        <source>领取截止（北京时间）：</source>
        <translation>Claims close (Beijing time):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="124"/>
        <source>专项券限制：</source>
        <translation>Special-purpose restriction:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="126"/>
        <source>面值表：</source>
        <translation>Face value table:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="132"/>
        <source>面值（元）</source>
        <translation>Face value (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="132"/>
        <source>政府补贴（元/张）</source>
        <translation>Government subsidy (yuan per voucher)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="132"/>
        <source>发放数量（张）</source>
        <translation>Quantity (vouchers)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="133"/>
        <source>补贴小计（元）</source>
        <translation>Subsidy subtotal (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="141"/>
        <source>保存为草稿</source>
        <translation>Save as draft</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="142"/>
        <source>数量为 0 的面值本批次不发放。补贴按领取时生效的面值表计算。</source>
        <translation>Face values with a quantity of 0 are not issued in this batch. The subsidy is calculated from the face value table in force when a voucher is claimed.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="180"/>
        <source>领取期间面值表有新版本（{days} 起生效）：此后领取的券按新版本拆分补贴与让利，上面的补贴金额只是估算。</source>
        <translation>A new version of the face value table takes effect during the claim period (from {days}): vouchers claimed after that are split into subsidy and concession by the new version, so the subsidy amounts above are only estimates.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="212"/>
        <source>{day} 起生效的版本（按领取开始时生效的版本）</source>
        <translation>Version in force from {day} (the version in force when claims open)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="214"/>
        <source>领取开始时没有生效的面值表</source>
        <translation>No face value table is in force when claims open</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="225"/>
        <source>该限制 {day} 起才生效：此前领取的券不受此限制。</source>
        <translation>This restriction takes effect only from {day}: vouchers claimed before then are not subject to it.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="250"/>
        <source>按所填数量，政府补贴最多 {amount} 元</source>
        <translation>At the quantities entered, the government subsidy is at most {amount} yuan</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="253"/>
        <source>，超出预算 {over} 元</source>
        <translation>, {over} yuan over budget</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="255"/>
        <source>，占预算 {share}%</source>
        <translation>, {share}% of the budget</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="270"/>
        <source>补贴预算：请填写金额（元）</source>
        <translation>Subsidy budget: enter an amount (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="275"/>
        <source>补贴预算：“{text}”不是有效的金额（元，最多两位小数）</source>
        <translation>Subsidy budget: “{text}” is not a valid amount (yuan, at most two decimal places)</translation>
    </message>
</context>
<context>
    <name>BatchesTab</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="72"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="73"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="74"/>
        <source>预算</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="77"/>
        <source>领取期</source>
        <translation>Claim period</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="77"/>
        <source>{a} 至 {b}</source>
        <translation>{a} to {b}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="80"/>
        <source>限制</source>
        <translation>Restriction</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="80"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="81"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="82"/>
        <source>发放</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="83"/>
        <source>已领取</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="84"/>
        <source>已核销</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="85"/>
        <source>已核销补贴</source>
        <translation>Subsidy redeemed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="87"/>
        <source>已领未用补贴</source>
        <translation>Subsidy claimed, unused</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="89"/>
        <source>可领取补贴</source>
        <translation>Subsidy still claimable</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="91"/>
        <source>已占用比例</source>
        <translation>Committed share</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="97"/>
        <source>已占用 = 已核销补贴 + 已领未用（未过期）补贴 + 领取期内尚可领取的补贴；达到预算的 90% 时以红色标出。</source>
        <translation>Committed = subsidy redeemed + subsidy claimed but unused (not expired) + subsidy still claimable in the claim period; shown in red once it reaches 90% of the budget.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="103"/>
        <source>新建批次…</source>
        <translation>New batch…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="104"/>
        <source>开始发放</source>
        <translation>Start issuing</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="106"/>
        <source>关闭批次</source>
        <translation>Close batch</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="112"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="140"/>
        <source>正在统计批次预算…</source>
        <translation>Calculating batch budgets…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches_tab.py" line="148"/>
        <source>以下批次的预算占用已达 90%，请注意控制发放：{list}</source>
        <translation>These batches have committed 90% or more of their budget; keep issuance under control: {list}</translation>
    </message>
</context>
<context>
    <name>BudgetWidget</name>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="165"/>
        <source>已占用 = 已核销消费券的政府补贴 + 已领取、未使用且未过期消费券的政府补贴。预测按最近 {days} 天每日净占用（领取减去过期退回）的平均速度直线外推，区间为按每日波动计算的 90% 区间（随天数的平方根变宽）；领取截止日之后不再有新的领取。</source>
        <translation>Used = the government subsidy of the vouchers redeemed + that of the vouchers claimed, unused and unexpired. The forecast extends in a straight line the mean daily net use (claims less expiries) of the last {days} days; the band is the 90% band from the day-to-day variation (widening with the square root of the days); no new claims come after the claim window ends.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="170"/>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="171"/>
        <source>领取截止</source>
        <translation>Claims until</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="172"/>
        <source>预算（元）</source>
        <translation>Budget (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="174"/>
        <source>已占用（元）</source>
        <translation>Used (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="176"/>
        <source>占用比例</source>
        <translation>Share used</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="178"/>
        <source>近期日均（元）</source>
        <translation>Recent daily (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="182"/>
        <source>预计用完日期</source>
        <translation>Forecast exhaustion</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="186"/>
        <source>90% 区间</source>
        <translation>90% band</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="187"/>
        <source>提示</source>
        <translation>Information</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="200"/>
        <source>数据不足</source>
        <translation>Too few days</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="202"/>
        <source>按当前速度不会用完</source>
        <translation>Not used up at this pace</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="213"/>
        <source>预计在领取截止前用完</source>
        <translation>Forecast to run out before claims end</translation>
    </message>
</context>
<context>
    <name>BurnChart</name>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="71"/>
        <source>{batch}：预算执行与预测</source>
        <extracomment>Days of forecast drawn past yesterday at most (beyond the claim window&apos;s end).</extracomment>
        <translation>{batch}: budget use and forecast</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="73"/>
        <source>已占用（已核销＋已领未用）</source>
        <translation>Used (redeemed + claimed, unused)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="95"/>
        <source>90% 区间</source>
        <translation>90% band</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="98"/>
        <source>预测</source>
        <translation>Forecast</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="110"/>
        <source>预算</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/budget.py" line="121"/>
        <source>元</source>
        <translation>yuan</translation>
    </message>
</context>
<context>
    <name>CallChoiceDialog</name>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="167"/>
        <source>选择招募公告</source>
        <translation>Choose a recruitment call</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="170"/>
        <source>导入的申请登记在哪个招募公告下？</source>
        <translation>Which recruitment call should the imported applications be registered under?</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="174"/>
        <source>{title}（报名至 {end}）</source>
        <translation>{title} (applications until {end})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="185"/>
        <source>选择</source>
        <translation>Choose</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="83"/>
        <source>新建招募公告</source>
        <extracomment>The bureau&apos;s name on a printed notice when the administrator has not recorded it yet.</extracomment>
        <translation>New recruitment call</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="83"/>
        <source>修改招募公告</source>
        <translation>Edit recruitment call</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="93"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="107"/>
        <source>用逗号或顿号分隔，如 游泳、羽毛球、篮球</source>
        <translation>Separate with commas, e.g. swimming, badminton, basketball</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="123"/>
        <source>1. 营业执照或事业单位法人证书（统一社会信用代码）；
2. 场馆照片（场地、设施、出入口）；
3. 价目表（各项目挂牌价）；
4. 教练资格证书（如有教学培训项目）；
5. 安全与防疫措施；
6. 用于接收补贴的对公银行账户信息。</source>
        <translation>1. Business licence or public institution legal person certificate (unified social credit code);
2. Photos of the venue (courts/pitches, facilities, entrances);
3. Price list (listed price of each sport);
4. Coach certificates (if coaching or training is offered);
5. Safety and epidemic-prevention measures;
6. Details of the corporate bank account that will receive the subsidy.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="129"/>
        <source>公告标题：</source>
        <translation>Title:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="130"/>
        <source>报名时间：</source>
        <translation>Application period:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="131"/>
        <source>适用场馆类型：</source>
        <translation>Eligible venue types:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="132"/>
        <source>运动项目：</source>
        <translation>Sports:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="133"/>
        <source>申报条件：</source>
        <translation>Eligibility requirements:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="134"/>
        <source>需提交的材料：</source>
        <translation>Required documents:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="135"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="136"/>
        <source>保存后为草稿，发布后街镇即可看到并据此登记场馆的自荐申请；发布后不能再修改。</source>
        <translation>The call is saved as a draft. Once published, subdistricts can see it and register venue applications under it; it can no longer be changed after publication.</translation>
    </message>
</context>
<context>
    <name>CapacityLinesDialog</name>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="189"/>
        <source>按容量设置警戒线</source>
        <translation>Alert lines from capacity</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="190"/>
        <source>为每个定点场馆新增一个警戒线版本：容量（人）× {per} 张/日。名录中没有容量的场馆不设置，仍适用全区默认。</source>
        <translation>Adds an alert line version for every designated venue: capacity × {per} a day. Venues without a registered capacity keep the district default.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="196"/>
        <source>生效日期：</source>
        <translation>Effective from:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="197"/>
        <source>设置</source>
        <translation>Set</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="168"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="167"/>
        <source>这是管理员设置的初始密码，请先设置您自己的新密码。</source>
        <translation>This is an initial password set by the administrator. Please set your own new password first.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="175"/>
        <source>当前密码：</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="176"/>
        <source>新密码：</source>
        <translation>New password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="177"/>
        <source>确认新密码：</source>
        <translation>Confirm new password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="179"/>
        <source>密码至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名。</source>
        <translation>At least 8 characters, with at least three of: upper case, lower case, digits, symbols; must not contain the user name.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="178"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="183"/>
        <source>两次输入的新密码不一致</source>
        <translation>The two new passwords do not match</translation>
    </message>
</context>
<context>
    <name>ChartBox</name>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="90"/>
        <source>导出图片…</source>
        <translation>Export image…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="91"/>
        <source>导出数据…</source>
        <translation>Export data…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="99"/>
        <source>本期没有数据</source>
        <translation>No data in this period</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="118"/>
        <source>导出图片</source>
        <translation>Export image</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="128"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="148"/>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="135"/>
        <source>无法保存图片</source>
        <translation>Cannot save the image</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="141"/>
        <source>导出数据</source>
        <translation>Export data</translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="304"/>
        <source>巡查检查表</source>
        <translation>Inspection checklist</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="305"/>
        <source>修改、添加或删除条目后保存为新版本：新版本即刻启用，已有的巡查记录保留当时的条目，不受影响。评分项须填满分；数值项可填合格范围（下限、上限）。</source>
        <translation>Edit, add or remove items, then save as a new version: it is used from now on, while past inspection records keep the items they were recorded with. A score item needs a maximum; a number item may have an acceptable range (minimum, maximum).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="318"/>
        <source>本次修改的说明（记入日志）</source>
        <translation>What was changed (kept in the log)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="319"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="320"/>
        <source>修改说明：</source>
        <translation>Change note:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="324"/>
        <source>类别</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="324"/>
        <source>检查内容</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="324"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="324"/>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="437"/>
        <source>权重</source>
        <translation>Weight</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="325"/>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="437"/>
        <source>满分</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="325"/>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="438"/>
        <source>下限</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="325"/>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="438"/>
        <source>上限</source>
        <translation>Max</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="325"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="326"/>
        <source>不合格须拍照</source>
        <translation>Photo if failed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="326"/>
        <source>严重项</source>
        <translation>Serious</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="326"/>
        <source>适用于</source>
        <translation>Applies to</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="334"/>
        <source>添加条目</source>
        <translation>Add item</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="335"/>
        <source>删除条目</source>
        <translation>Remove item</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="336"/>
        <source>上移</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="337"/>
        <source>下移</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="341"/>
        <source>保存为新版本</source>
        <translation>Save as new version</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="347"/>
        <source>当前在用：{name} 第 {version} 版，{n} 条（{by} 发布）</source>
        <translation>In use: {name}, version {version}, {n} items (published by {by})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="445"/>
        <source>第 {n} 条：{field}“{value}”不是数字</source>
        <translation>Item {n}: {field} “{value}” is not a number</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="90"/>
        <source>核查结案</source>
        <translation>Close the verification</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="91"/>
        <source>{venue}：{explanation}</source>
        <translation>{venue}: {explanation}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="96"/>
        <source>核查正常（所涉消费券正常结算）</source>
        <translation>Normal (the vouchers are settled as usual)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="98"/>
        <source>确认违规（所涉消费券不予结算）</source>
        <translation>Violation (the vouchers are not paid)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="109"/>
        <source>责令整改：安排巡查</source>
        <translation>Order rectification: plan an inspection</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="119"/>
        <source>暂停定点资格，原因：</source>
        <translation>Suspend the venue, reason:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="126"/>
        <source>核查结论：</source>
        <translation>Conclusion:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="127"/>
        <source>核查情况：</source>
        <translation>Finding:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="128"/>
        <source>处理决定：</source>
        <translation>Decision:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="133"/>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="162"/>
        <source>没有可安排的巡查员</source>
        <translation>No inspector can be assigned</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../jd_admin/ui/crash.py" line="46"/>
        <source>程序出现意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/crash.py" line="51"/>
        <source>程序遇到了一个意外错误，已写入日志，您可以继续使用。
请复制下面的报告发给系统维护人员。日志文件：{path}</source>
        <translation>The program met an unexpected error. It has been logged and you can go on working.
Please copy the report below and send it to the system maintainers. Log file: {path}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/crash.py" line="62"/>
        <source>复制报告</source>
        <translation>Copy report</translation>
    </message>
</context>
<context>
    <name>DailyUseChart</name>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="104"/>
        <source>每日核销张数</source>
        <extracomment>Days of daily use on either side of the warning&apos;s day (as on the sheet).</extracomment>
        <translation>Vouchers redeemed a day</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="106"/>
        <source>预警日</source>
        <translation>Warning day</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="117"/>
        <source>警戒线</source>
        <translation>Alert line</translation>
    </message>
</context>
<context>
    <name>DashboardWidget</name>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="218"/>
        <source>领取与核销张数</source>
        <translation>Vouchers claimed and redeemed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="219"/>
        <source>政府补贴与带动消费（元）</source>
        <translation>Government subsidy and consumption driven (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="220"/>
        <source>分街镇：带动消费与政府补贴（元）</source>
        <translation>By subdistrict: consumption driven and subsidy (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="221"/>
        <source>带动消费前 {n} 名场馆（元）</source>
        <translation>Top {n} venues by consumption driven (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="222"/>
        <source>分场馆类型：带动消费</source>
        <translation>By venue type: consumption driven</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="223"/>
        <source>分运动项目：核销张数</source>
        <translation>By sport: vouchers redeemed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="224"/>
        <source>分面值：领取与核销张数</source>
        <translation>By face value: vouchers claimed and redeemed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="225"/>
        <source>分人群：核销张数</source>
        <translation>By citizen group: vouchers redeemed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="241"/>
        <source>期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="249"/>
        <source>自定义</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="249"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="250"/>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="250"/>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="251"/>
        <source>最近30天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="251"/>
        <source>去年</source>
        <translation>Last year</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="256"/>
        <source>粒度：</source>
        <translation>By:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="259"/>
        <source>按日</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="259"/>
        <source>按周</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="260"/>
        <source>按月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="264"/>
        <source>对比：</source>
        <translation>Against:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="267"/>
        <source>上一期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="268"/>
        <source>去年同期</source>
        <translation>Same period last year</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="270"/>
        <source>街镇：</source>
        <translation>Subdistrict:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="279"/>
        <source>全部街镇</source>
        <translation>All subdistricts</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="281"/>
        <source>场馆类型：</source>
        <translation>Venue type:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="284"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="296"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="349"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="482"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="485"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="497"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="580"/>
        <source>领取张数</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="349"/>
        <source>核销张数（人次）</source>
        <translation>Redeemed (person-times)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="350"/>
        <source>核销率</source>
        <translation>Redemption rate</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="350"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="485"/>
        <source>过期未用</source>
        <translation>Expired unused</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="351"/>
        <source>参与人数</source>
        <translation>Citizens taking part</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="351"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="491"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="498"/>
        <source>政府补贴（元）</source>
        <translation>Government subsidy (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="352"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="499"/>
        <source>已结算补贴（元）</source>
        <translation>Subsidy settled (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="353"/>
        <source>已拨付补贴（元）</source>
        <translation>Subsidy paid (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="354"/>
        <source>已承诺补贴（元）</source>
        <translation>Subsidy committed (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="355"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="492"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="499"/>
        <source>带动消费（元）</source>
        <translation>Consumption driven (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="356"/>
        <source>拉动比（÷面值，市口径）</source>
        <translation>Leverage (÷ face value, city&apos;s basis)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="492"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="500"/>
        <source>拉动比（÷面值）</source>
        <translation>Leverage (÷ face value)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="357"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="500"/>
        <source>拉动比（÷补贴）</source>
        <translation>Leverage (÷ subsidy)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="360"/>
        <source>本期领取的券中已核销的比例（核销 ÷ 领取）</source>
        <translation>Share of the vouchers claimed in the period that were redeemed (redeemed ÷ claimed)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="361"/>
        <source>本期领取、未核销且有效期已过的券</source>
        <translation>Vouchers claimed in the period, not redeemed, past their validity</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="362"/>
        <source>本期核销过消费券的不同市民人数（人次即核销张数）</source>
        <translation>Distinct citizens who redeemed a voucher in the period (person-times: vouchers redeemed)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="363"/>
        <source>本期核销券的政府补贴部分</source>
        <translation>The government-subsidy part of the vouchers redeemed in the period</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="364"/>
        <source>其中已纳入核定（及以后）月度结算的补贴</source>
        <translation>Of it, the subsidy in monthly settlements verified (or later)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="365"/>
        <source>其中所在场馆结算行已登记拨付的补贴</source>
        <translation>Of it, the subsidy in venue lines whose payment is recorded</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="366"/>
        <source>尚未结算的已核销补贴，加上本期领取、未核销且仍在有效期内的券的补贴（上限）</source>
        <translation>Subsidy of redemptions not yet settled, plus that of vouchers claimed in the period, unused and still valid (an upper bound)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="368"/>
        <source>本期核销券的订单金额合计</source>
        <translation>Order amounts of the vouchers redeemed in the period</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="369"/>
        <source>订单金额 ÷ 券面值：上海市公布的“拉动 3.1 倍”即此口径</source>
        <translation>Order amounts ÷ face value: the basis of Shanghai&apos;s published 3.1× leverage</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="370"/>
        <source>订单金额 ÷ 政府补贴</source>
        <translation>Order amounts ÷ government subsidy</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="405"/>
        <source>正在统计…</source>
        <translation>Computing the statistics…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="421"/>
        <source>&#x3000;领券在平台上进行，不属于任何街镇或场馆：按街镇、场馆类型筛选时不显示领取张数、核销率、过期未用和已承诺补贴。</source>
        <translation>  Vouchers are claimed on the platform, in no subdistrict or venue: with a subdistrict or venue-type filter, claims, the redemption rate, expired vouchers and committed subsidy are not shown.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="423"/>
        <source>{since} 至 {until}，对比 {psince} 至 {puntil}</source>
        <translation>{since} to {until}, compared with {psince} to {puntil}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="445"/>
        <source>{month}月</source>
        <translation>{month}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="480"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="485"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="497"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="574"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="578"/>
        <source>核销张数</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="485"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="491"/>
        <source>起始日</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="487"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="559"/>
        <source>带动消费</source>
        <translation>Consumption driven</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="488"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="560"/>
        <source>政府补贴</source>
        <translation>Government subsidy</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="491"/>
        <location filename="../../jd_admin/ui/statistics/page.py" line="498"/>
        <source>核销面值（元）</source>
        <translation>Face value redeemed (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="497"/>
        <source>项目</source>
        <translation>Sport</translation>
    </message>
</context>
<context>
    <name>DateRange</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="78"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="85"/>
        <source>至</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>EvaluationReportWidget</name>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="60"/>
        <source>评估报告（体育消费券实施效果评估报告）按月度、季度、年度或任意期间生成：概况、主要指标（与上期对比）、分街镇情况、分项目情况、存在问题、下一步建议，PDF 含图表，Excel 含同样的数据。数字与数据看板一致；拉动比以券面值为分母（上海市公布口径），以政府补贴为分母的另列。街镇用户导出本街镇的报告。</source>
        <translation>The evaluation report (report on the effect of the sports vouchers) for a month, a quarter, a year or any period: overview, main figures (against the previous period), by subdistrict, by sport, problems, next steps; the PDF with charts, Excel with the same figures. The figures are the dashboard&apos;s; leverage is order amounts ÷ face value (Shanghai&apos;s published basis), with ÷ government subsidy beside it. A subdistrict user exports its own subdistrict&apos;s report.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="67"/>
        <source>月度</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="67"/>
        <source>季度</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="68"/>
        <source>年度</source>
        <translation>Yearly</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="68"/>
        <source>自定义期间</source>
        <translation>Custom period</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="78"/>
        <source>报告类型</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="80"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="87"/>
        <source>起止日期</source>
        <translation>From – to</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="101"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="103"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="124"/>
        <source>{n} 月</source>
        <translation>month {n}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="127"/>
        <source>第一季度</source>
        <translation>Q1</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="127"/>
        <source>第二季度</source>
        <translation>Q2</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="128"/>
        <source>第三季度</source>
        <translation>Q3</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="128"/>
        <source>第四季度</source>
        <translation>Q4</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="148"/>
        <source>统计期间：{since} 至 {until}</source>
        <translation>Period: {since} to {until}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="154"/>
        <source>结束日期不能早于开始日期</source>
        <translation>The end date cannot be before the start date</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="159"/>
        <source>导出评估报告（PDF）</source>
        <translation>Export the evaluation report (PDF)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="160"/>
        <source>导出评估报告（Excel）</source>
        <translation>Export the evaluation report (Excel)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/report.py" line="175"/>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
</context>
<context>
    <name>FaceTableDialog</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="327"/>
        <source>新增面值表版本</source>
        <translation>New face value table version</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="328"/>
        <source>在当前版本的基础上修改面值、政府补贴、场馆让利和使用门槛（金额单位：元）。每一行的政府补贴 + 场馆让利必须等于面值。</source>
        <translation>Change the face values, government subsidies, venue concessions and minimum orders, starting from the current version (amounts in yuan). On every row, government subsidy + venue concession must equal the face value.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="335"/>
        <source>生效日期：</source>
        <translation>Effective date:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="336"/>
        <source>面值</source>
        <translation>Face value</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="336"/>
        <source>政府补贴</source>
        <translation>Government subsidy</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="336"/>
        <source>场馆让利</source>
        <translation>Venue concession</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="337"/>
        <source>使用门槛</source>
        <translation>Minimum order</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="341"/>
        <source>面值（元）</source>
        <translation>Face value (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="341"/>
        <source>政府补贴（元）</source>
        <translation>Government subsidy (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="341"/>
        <source>场馆让利（元）</source>
        <translation>Venue concession (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="342"/>
        <source>满X元可用</source>
        <translation>Minimum order (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="342"/>
        <source>核对：补贴 + 让利 = 面值</source>
        <translation>Check: subsidy + concession = face value</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="350"/>
        <source>添加一行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="352"/>
        <source>删除所选行</source>
        <translation>Delete selected rows</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="358"/>
        <source>保存新版本</source>
        <translation>Save new version</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="411"/>
        <source>第 {row} 行：请填写{field}</source>
        <translation>Row {row}: enter the {field}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="416"/>
        <source>第 {row} 行：{field}“{text}”不是有效的金额（元，最多两位小数）</source>
        <translation>Row {row}: {field} “{text}” is not a valid amount (yuan, at most two decimal places)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="427"/>
        <source>第 {row} 行：政府补贴 {s} + 场馆让利 {c} = {sum}，不等于面值 {f}</source>
        <translation>Row {row}: government subsidy {s} + venue concession {c} = {sum}, which does not equal the face value {f}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="439"/>
        <source>待填写</source>
        <translation>To be filled in</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="440"/>
        <source>金额无效</source>
        <translation>Invalid amount</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="448"/>
        <source>{s} + {c} = {sum}，不等于 {f}</source>
        <translation>{s} + {c} = {sum}, not {f}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="460"/>
        <source>面值表至少要有一种面值</source>
        <translation>The face value table needs at least one face value</translation>
    </message>
</context>
<context>
    <name>FileWarningDialog</name>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="182"/>
        <source>上报预警</source>
        <translation>File a warning</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="183"/>
        <source>上报平台监测或投诉发现的异常：场馆、日期（或期间）、发现了什么、证据，以及涉及的消费券券码（如已知）。</source>
        <translation>File an anomaly found by the platform&apos;s monitoring or a complaint: the venue, the day (or period), what was found, the evidence and the voucher codes concerned (where known).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="194"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="207"/>
        <source>每行一个券码，或用逗号分隔</source>
        <translation>One code a line, or separated by commas</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="208"/>
        <source>场馆：</source>
        <translation>Venue:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="209"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="210"/>
        <source>预警说明：</source>
        <translation>What was found:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="211"/>
        <source>证据：</source>
        <translation>Evidence:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="212"/>
        <source>涉及券码：</source>
        <translation>Voucher codes:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="213"/>
        <source>上报</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="223"/>
        <source>请选择场馆</source>
        <translation>Please choose a venue</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../jd_admin/ui/filter_bar.py" line="62"/>
        <source>街镇：</source>
        <extracomment>A choice in a filter row is never wider than this (px): a long item (a signal&apos;s name in English) is elided in the row and shown whole in the open list, so the row fits 1366 px.</extracomment>
        <translation>Subdistrict:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/filter_bar.py" line="62"/>
        <source>全部街镇</source>
        <translation>All subdistricts</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="124"/>
        <source>创建系统管理员</source>
        <translation>Create the system administrator</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="125"/>
        <source>这是一个新的数据库，还没有任何用户。请创建第一个系统管理员账户，之后用它登录并为其他工作人员创建账户。</source>
        <translation>This is a new database without any users. Create the first system administrator account, then log in with it and create accounts for the other staff.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="136"/>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="137"/>
        <source>姓名：</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="138"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="139"/>
        <source>确认密码：</source>
        <translation>Confirm password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="141"/>
        <source>密码至少 8 位，包含大写字母、小写字母、数字、符号中的至少三类。</source>
        <translation>At least 8 characters, with at least three of: upper case, lower case, digits, symbols.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="140"/>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="145"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../jd_admin/ui/widgets.py" line="149"/>
        <source>“{typed}”不是 {first} 至 {last} 之间的有效日期</source>
        <extracomment>A field is never widened beyond this for its placeholder (px); a longer one is elided. What the user typed last and the field could not take (&quot;&quot; when it took it).</extracomment>
        <translation>“{typed}” is not a valid date between {first} and {last}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/widgets.py" line="314"/>
        <source>放弃已填写的内容？</source>
        <extracomment>A save runs (FormDialog.submit): 取消, Escape and the close box wait for it (the disabled OK passes the focus on to 取消, where a second Return would land).</extracomment>
        <translation>Discard what you have entered?</translation>
    </message>
</context>
<context>
    <name>GenerateDialog</name>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="49"/>
        <source>生成三方协议</source>
        <translation>Generate three-party agreement</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="50"/>
        <source>从区体育局审定通过、尚无协议的场馆申请生成协议草稿。协议编号在生成时分配，当事方信息取自“系统管理”和场馆登记信息。</source>
        <translation>Generate a draft agreement from a venue application that has final approval from the sports bureau and has no agreement yet. The agreement number is assigned on generation; the party details come from “Administration” and from the venue’s registration details.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="58"/>
        <source>{venue}（{subdistrict}，申请 {number}）</source>
        <translation>{venue} ({subdistrict}, application {number})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="61"/>
        <source>场馆申请：</source>
        <translation>Venue application:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="62"/>
        <source>协议开始日期：</source>
        <translation>Agreement start date:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="63"/>
        <source>协议结束日期：</source>
        <translation>Agreement end date:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="64"/>
        <source>生成协议</source>
        <translation>Generate agreement</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="65"/>
        <source>默认期限一年。生成后请打印协议送三方签署。</source>
        <translation>The default term is one year. After generating, print the agreement and send it to the three parties for signature.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="28"/>
        <source>生成月度结算</source>
        <translation>Generate a monthly settlement</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="29"/>
        <source>按所选月份内核销的有效消费券，为每个场馆生成一行结算（草稿）。草稿可以重新生成；核定后不能再生成。</source>
        <translation>Generates one line per venue from the valid vouchers redeemed in the chosen month (a draft). A draft can be generated again; once verified it cannot.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="35"/>
        <source>{month}（{state}）</source>
        <translation>{month} ({state})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="38"/>
        <source>结算月份：</source>
        <translation>Month:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="40"/>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
</context>
<context>
    <name>ImportTab</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/import_tab.py" line="45"/>
        <source>导入配送平台报送的消费券数据（.xlsx 或 .csv，格式见导入模板）。导入在一个事务中完成：取消或出错时数据库保持原样；有问题的行写入错误报告，其余行照常导入并核查规则。</source>
        <translation>Import the voucher data reported by the distribution platform (.xlsx or .csv; see the import template for the format). The import runs in a single transaction: if it is cancelled or fails, the database is left unchanged. Rows with problems are written to an error report; the other rows are imported and checked against the rules as usual.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/import_tab.py" line="50"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/import_tab.py" line="51"/>
        <source>打开错误报告</source>
        <translation>Open error report</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/import_tab.py" line="64"/>
        <source>选择消费券数据文件</source>
        <translation>Choose the voucher data file</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/import_tab.py" line="65"/>
        <source>消费券数据 (*.xlsx *.csv)</source>
        <translation>Voucher data (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/import_tab.py" line="72"/>
        <source>正在导入 {name}…</source>
        <translation>Importing {name}…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/import_tab.py" line="89"/>
        <source>正在导入消费券数据…</source>
        <translation>Importing voucher data…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/import_tab.py" line="95"/>
        <source>已取消，数据库未改动</source>
        <translation>Cancelled; the database was not changed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/import_tab.py" line="97"/>
        <source>导入没有完成，数据库未改动：{reason}</source>
        <translation>The import did not complete and the database was not changed: {reason}</translation>
    </message>
</context>
<context>
    <name>InspectionForm</name>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="189"/>
        <source>现场检查：{venue}</source>
        <translation>On-site inspection: {venue}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="195"/>
        <source>{venue}（{subdistrict}）&#x3000;{state}</source>
        <translation>{venue} ({subdistrict})  {state}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="200"/>
        <source>复查整改通知 {number}</source>
        <translation>Re-inspection of rectification notice {number}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="213"/>
        <source>巡查人员姓名，用“、”分隔</source>
        <translation>Inspectors&apos; names, separated by “、”</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="216"/>
        <source>场馆在场人员，如 李明（场馆经理）</source>
        <translation>Venue staff present, e.g. 李明 (venue manager)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="221"/>
        <source>检查时间 / 巡查人员 / 场馆在场人员：</source>
        <translation>Time / inspectors / venue staff present:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="252"/>
        <source>整改期限：</source>
        <translation>Rectify by:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="260"/>
        <source>巡查意见</source>
        <translation>Inspectors&apos; opinion</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="267"/>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="270"/>
        <source>提交</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="273"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="302"/>
        <source>备案信息(&amp;B)</source>
        <translation>Filed &amp;by the venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="307"/>
        <source>场馆审定时备案的项目、挂牌价和教练，供现场核对</source>
        <translation>The sports, list prices and coaches the venue filed when it was designated, to compare on site</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="314"/>
        <source>{sport} {price} 元</source>
        <translation>{sport} ¥{price}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="316"/>
        <source>{name}（{qualification}，证书 {number}）</source>
        <translation>{name} ({qualification}, certificate {number})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="319"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="320"/>
        <source>无备案教练</source>
        <translation>no coaches filed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="321"/>
        <source>项目与挂牌价：</source>
        <translation>Sports and list prices:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="322"/>
        <source>备案教练：</source>
        <translation>Filed coaches:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="345"/>
        <source>当前结论：{result}（得分 {score}，不合格 {failed} 项）</source>
        <translation>Result so far: {result} (score {score}, {failed} items failed)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="349"/>
        <source>&#x3000;有严重项不合格</source>
        <translation>  a serious item failed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="362"/>
        <source>“{item}”：“{value}”不是数字</source>
        <translation>“{item}”: “{value}” is not a number</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="430"/>
        <source>&#x3000;已保存</source>
        <translation>  saved</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="439"/>
        <source>提交后这份检查记录不能再修改（更正须另行记录）。提交吗？</source>
        <translation>Once submitted this record can no longer be changed (a correction is recorded separately). Submit it?</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="453"/>
        <source>添加照片：{item}</source>
        <translation>Add a photo: {item}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="454"/>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="457"/>
        <source>无法读取“{file}”：{reason}</source>
        <translation>Cannot read “{file}”: {reason}</translation>
    </message>
</context>
<context>
    <name>InspectionsPage</name>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="243"/>
        <source>监督巡查</source>
        <translation>Venue inspections</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="245"/>
        <source>开始 / 继续巡查</source>
        <translation>Start / continue inspection</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="246"/>
        <source>查看记录</source>
        <translation>Open record</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="248"/>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="249"/>
        <source>新建巡查计划…</source>
        <translation>New inspection plan…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="251"/>
        <source>撤回任务…</source>
        <translation>Withdraw assignment…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="252"/>
        <source>登记整改完成…</source>
        <translation>Record rectification done…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="254"/>
        <source>复查</source>
        <translation>Re-inspect</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="255"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="272"/>
        <location filename="../../jd_admin/ui/inspections/page.py" line="291"/>
        <location filename="../../jd_admin/ui/inspections/page.py" line="309"/>
        <source>场馆</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="273"/>
        <location filename="../../jd_admin/ui/inspections/page.py" line="292"/>
        <location filename="../../jd_admin/ui/inspections/page.py" line="310"/>
        <source>街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="274"/>
        <source>巡查员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="275"/>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="276"/>
        <source>方式</source>
        <translation>Manner</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="276"/>
        <source>暗访</source>
        <translation>Unannounced</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="277"/>
        <source>预先通知</source>
        <translation>Announced</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="278"/>
        <location filename="../../jd_admin/ui/inspections/page.py" line="296"/>
        <location filename="../../jd_admin/ui/inspections/page.py" line="312"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="279"/>
        <location filename="../../jd_admin/ui/inspections/page.py" line="313"/>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="280"/>
        <source>（有草稿）</source>
        <translation> (draft started)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="281"/>
        <source>风险分</source>
        <translation>Risk score</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="284"/>
        <source>计划</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="288"/>
        <source>巡查任务</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="290"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="293"/>
        <source>检查时间</source>
        <translation>Inspected at</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="297"/>
        <source>结论</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="299"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="301"/>
        <location filename="../../jd_admin/ui/inspections/page.py" line="311"/>
        <source>整改期限</source>
        <translation>Rectify by</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="302"/>
        <source>巡查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="306"/>
        <source>巡查记录</source>
        <translation>Inspection records</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="308"/>
        <source>通知编号</source>
        <translation>Notice no.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="314"/>
        <source>问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="316"/>
        <source>整改说明</source>
        <translation>Rectification report</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="319"/>
        <source>整改通知</source>
        <translation>Rectification notices</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="321"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="322"/>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="323"/>
        <source>讲师</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="324"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="325"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="327"/>
        <source>参加场馆</source>
        <translation>Venues attending</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="329"/>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="333"/>
        <source>培训</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="345"/>
        <source>登记培训…</source>
        <translation>Record training…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="346"/>
        <source>检查表…</source>
        <translation>Checklist…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="391"/>
        <source>整改通知（{n} 未关闭）</source>
        <translation>Rectification notices ({n} open)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="439"/>
        <source>已提交：{result}，得分 {score}</source>
        <translation>Submitted: {result}, score {score}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="442"/>
        <source>；已生成整改通知，请在“整改通知”中导出通知书送达场馆</source>
        <translation>; a rectification notice was issued — export it under “Rectification notices” and serve it on the venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="467"/>
        <source>更正巡查记录</source>
        <translation>Correct an inspection record</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="468"/>
        <source>更正 {venue} 的巡查记录 {id}：将生成一份新的记录草稿，提交后取代原记录。</source>
        <translation>Correct inspection {id} of {venue}: a new draft record is made; once submitted it replaces the original.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="470"/>
        <source>更正原因：</source>
        <translation>Reason for the correction:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="473"/>
        <source>更正</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="495"/>
        <source>撤回 {venue} 的巡查任务。</source>
        <translation>Withdraw the inspection task of {venue}.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="496"/>
        <location filename="../../jd_admin/ui/inspections/page.py" line="499"/>
        <source>撤回</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="494"/>
        <source>撤回巡查任务</source>
        <translation>Withdraw an assignment</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="517"/>
        <source>带离线…</source>
        <translation>Check out…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="518"/>
        <source>离线数据回传…</source>
        <translation>Check in offline data…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="522"/>
        <source>离线巡查文件：回到网络后在主系统中回传</source>
        <translation>Offline inspection file: check it in from the main system once back on the network</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="545"/>
        <source>请先在“巡查任务”中选择要带离线的任务（可按住 Ctrl 多选）</source>
        <translation>First choose the assignments to check out under “Assignments” (Ctrl selects several)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="549"/>
        <location filename="../../jd_admin/ui/inspections/page.py" line="554"/>
        <source>带离线</source>
        <translation>Check out</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="550"/>
        <source>为离线文件设置登录密码（在现场用本程序打开该文件时输入）：</source>
        <translation>A login password for the offline file (to enter when opening the file with this program on site):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="565"/>
        <source>已把 {count} 个巡查任务带离线到 {path}。在现场用本程序打开该文件（使用说明“离线巡查”）登记，回到网络后在此点“离线数据回传…”。</source>
        <translation>Checked out {count} assignments to {path}. On site, open that file with this program (see “Offline inspections” in the manual) and record; back on the network, press “Check in offline data…” here.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="577"/>
        <source>离线数据回传</source>
        <translation>Check in offline data</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="578"/>
        <source>巡查离线文件 (*.jdoffline);;所有文件 (*)</source>
        <translation>Offline inspection files (*.jdoffline);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="588"/>
        <source>已回传 {count} 条巡查记录（其中 {submitted} 条已提交）</source>
        <translation>Checked in {count} inspection records ({submitted} of them submitted)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="598"/>
        <source>巡查记录（PDF）</source>
        <translation>Inspection record (PDF)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="600"/>
        <source>整改通知书（PDF）</source>
        <translation>Rectification notice (PDF)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="601"/>
        <source>本年巡查情况汇总（PDF）</source>
        <translation>This year&apos;s inspection summary (PDF)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="602"/>
        <source>本年巡查情况汇总（Excel）</source>
        <translation>This year&apos;s inspection summary (Excel)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="639"/>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="647"/>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
</context>
<context>
    <name>IntegrityWidget</name>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="37"/>
        <source>参考金额 = 备案价格 × 凑满该券使用门槛所需的场次（至少 1 次）。按期间内每笔订单的“订单金额 ÷ 参考金额”的中位数判断：高于 {high} 倍为高于备案价格，低于 {low} 倍为低于备案价格（实际收费与备案不符）；至少 {n} 笔订单才判断。未备案该项目：场馆有备案价格，但没有备案这个项目。</source>
        <translation>Reference = the filed list price × the sessions needed to reach the voucher&apos;s minimum order (at least 1). Judged on the median of each order&apos;s &quot;order amount ÷ reference&quot; in the period: above {high} is above the filed price, below {low} is below it (the venue charges other than it filed); at least {n} orders are needed. Sport not filed: the venue filed prices, but not for this sport.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="45"/>
        <source>期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="49"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="56"/>
        <source>街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="57"/>
        <source>场馆</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="58"/>
        <source>项目</source>
        <translation>Sport</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="59"/>
        <source>订单数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="61"/>
        <source>备案价格（元）</source>
        <translation>Filed price (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="63"/>
        <source>订单中位数（元）</source>
        <translation>Median order (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="65"/>
        <source>参考中位数（元）</source>
        <translation>Median reference (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="67"/>
        <source>订单÷参考</source>
        <translation>Order ÷ reference</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="71"/>
        <source>判断</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="72"/>
        <source>未结案的价格预警</source>
        <translation>Open price warnings</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="83"/>
        <source>高于备案价格</source>
        <translation>Above the filed price</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="83"/>
        <source>低于备案价格</source>
        <translation>Below the filed price</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="84"/>
        <source>未备案该项目</source>
        <translation>Sport not filed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="89"/>
        <source>{n} 条：</source>
        <translation>{n}: </translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/integrity.py" line="105"/>
        <source>{n} 个场馆项目</source>
        <translation>{n} venue sports</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../jd_admin/ui/idle_lock.py" line="141"/>
        <source>已锁定</source>
        <extracomment>Wrong passwords at the lock before the user is logged out. What counts as the user being there.</extracomment>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/idle_lock.py" line="147"/>
        <source>系统已锁定</source>
        <translation>The program is locked</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/idle_lock.py" line="148"/>
        <source>长时间无操作，为保护数据已隐藏所有窗口；未保存的输入仍会保留。请输入 {name}（{username}）的密码继续。</source>
        <translation>After a long time without input all windows were hidden to protect the data; unsaved input is kept. Enter the password of {name} ({username}) to go on.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/idle_lock.py" line="158"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/idle_lock.py" line="161"/>
        <source>退出登录</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/idle_lock.py" line="177"/>
        <source>正在验证…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/idle_lock.py" line="198"/>
        <source>{error}（再错 {left} 次将退出登录）</source>
        <translation>{error} ({left} more wrong tries log you out)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="39"/>
        <source>登录 — 嘉定区体育消费券管理系统</source>
        <translation>Log in — Jiading Sports Voucher Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="43"/>
        <source>嘉定区体育消费券管理系统</source>
        <translation>Jiading Sports Voucher Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="46"/>
        <source>嘉定区体育局 · 各街镇文体中心</source>
        <translation>Jiading District Sports Bureau · Subdistrict Culture and Sports Centres</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="55"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="57"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="58"/>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="59"/>
        <source>密码：</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="63"/>
        <source>数据库：</source>
        <translation>Database:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="71"/>
        <location filename="../../jd_admin/ui/login.py" line="101"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="79"/>
        <source>切换用户 — 嘉定区体育消费券管理系统</source>
        <translation>Switch user — Jiading Sports Voucher Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/login.py" line="90"/>
        <location filename="../../jd_admin/ui/login.py" line="96"/>
        <source>正在登录…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="111"/>
        <source>嘉定区体育消费券管理系统</source>
        <extracomment>The user was logged out (注销, 切换用户, the idle lock): the window and its dialogs are closed; ``switching_user`` says whether the login dialog should start empty.</extracomment>
        <translation>Jiading Sports Voucher Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="164"/>
        <source>{dialogs} 中有尚未保存的内容，注销后将丢失。仍然注销吗？</source>
        <translation>{dialogs} has input that is not saved; logging out discards it. Log out anyway?</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="195"/>
        <source>账户(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="196"/>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="200"/>
        <source>注销</source>
        <translation>Log out</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="205"/>
        <source>切换用户…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="211"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="215"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="216"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="221"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="226"/>
        <source>语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="239"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="240"/>
        <source>关于</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="249"/>
        <source>用户：{name}（{username}）</source>
        <translation>User: {name} ({username})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="256"/>
        <source>注销或切换用户</source>
        <translation>Log out or switch user</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="257"/>
        <source>角色：{role}</source>
        <translation>Role: {role}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="262"/>
        <source>街镇：{name}</source>
        <translation>Subdistrict: {name}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="266"/>
        <source>数据库：{db}</source>
        <translation>Database: {db}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="302"/>
        <source>密码已修改。</source>
        <translation>Your password has been changed.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="309"/>
        <source>界面语言已保存，注销后重新登录（或重新启动程序）时生效。</source>
        <translation>The interface language is saved. It applies when you log out and log in again (or restart the program).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="312"/>
        <source>嘉定区体育消费券管理系统 {version}
嘉定区体育局</source>
        <translation>Jiading Sports Voucher Administration {version}
Jiading District Sports Bureau</translation>
    </message>
</context>
<context>
    <name>MoneyChart</name>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="61"/>
        <source>资金对比（万元）</source>
        <translation>Money compared (10,000 yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="64"/>
        <source>实际</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="64"/>
        <source>模拟</source>
        <translation>Simulated</translation>
    </message>
</context>
<context>
    <name>ParametersDialog</name>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="279"/>
        <source>修改预警参数</source>
        <translation>Change warning parameters</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="280"/>
        <source>选择预警信号，修改其参数和生效日期；未修改的参数沿用。</source>
        <translation>Choose the signal, change its parameters and the effective date; parameters not changed are kept.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="287"/>
        <source>预警信号：</source>
        <translation>Signal:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="293"/>
        <source>生效日期：</source>
        <translation>Effective from:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="296"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="317"/>
        <source>没有修改任何参数</source>
        <translation>No parameter was changed</translation>
    </message>
</context>
<context>
    <name>PartyForm</name>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="131"/>
        <source>18 位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="138"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="144"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="145"/>
        <source>统一社会信用代码：</source>
        <translation>Unified social credit code:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="146"/>
        <source>地址：</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="147"/>
        <source>法定代表人/负责人：</source>
        <translation>Legal representative / person in charge:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="181"/>
        <source>已保存。此后生成的协议将使用这些信息。</source>
        <translation>Saved. Agreements generated from now on will use these details.</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="53"/>
        <source>登记拨付：{venue}</source>
        <translation>Record payment: {venue}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="54"/>
        <source>应拨付补贴 {amount} 元。</source>
        <translation>Subsidy to pay: {amount} yuan.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="61"/>
        <source>拨付日期：</source>
        <translation>Paid on:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="62"/>
        <source>银行流水号：</source>
        <translation>Bank reference:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/dialogs.py" line="64"/>
        <source>登记拨付</source>
        <translation>Record payment</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="111"/>
        <source>预览：{name}</source>
        <extracomment>Where the preview&apos;s size and place are kept per user (settings.user_value).</extracomment>
        <translation>Preview: {name}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="135"/>
        <source>上一页</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="136"/>
        <source>下一页</source>
        <translation>Next page</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="139"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="140"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="141"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="144"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="145"/>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="146"/>
        <source>用系统程序打开</source>
        <translation>Open with system viewer</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="148"/>
        <source>用这台电脑上安装的 PDF 阅读器打开</source>
        <translation>Open in the PDF reader installed on this computer</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="149"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="264"/>
        <source>第 {page} / {count} 页</source>
        <translation>Page {page} of {count}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/pdf_preview.py" line="284"/>
        <source>无法打印：打印机没有准备好，请检查打印机后重试。</source>
        <translation>Cannot print: the printer is not ready. Check the printer and try again.</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="68"/>
        <source>新建巡查计划</source>
        <translation>New inspection plan</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="69"/>
        <source>按风险分从高到低列出定点场馆（分项说明为何偏高）；选择要巡查的场馆（可多选），指定巡查员和完成期限。</source>
        <translation>The designated venues by risk score, highest first (the parts say why); choose the venues to inspect (several at once), the inspector and the due date.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="73"/>
        <source>{month} 监督巡查</source>
        <translation>{month} inspections</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="79"/>
        <source>暗访（不预先通知场馆）</source>
        <translation>Unannounced (the venue is not told beforehand)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="83"/>
        <source>场馆</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="84"/>
        <source>街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="85"/>
        <source>风险分</source>
        <translation>Risk score</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="87"/>
        <source>分项</source>
        <translation>Parts</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="101"/>
        <source>选中该街镇全部场馆</source>
        <translation>Select all venues of this subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="105"/>
        <source>选中风险最高的场馆</source>
        <translation>Select the riskiest venues</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="108"/>
        <source>计划名称：</source>
        <translation>Plan name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="109"/>
        <source>快速选择：</source>
        <translation>Quick selection:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="110"/>
        <source>场馆：</source>
        <translation>Venues:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="111"/>
        <source>巡查员：</source>
        <translation>Inspector:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="112"/>
        <source>完成期限：</source>
        <translation>Due by:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="115"/>
        <source>分派</source>
        <translation>Assign</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="162"/>
        <source>请至少选择一个场馆</source>
        <translation>Please choose at least one venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="165"/>
        <source>没有可分派的巡查员</source>
        <translation>There is no inspector to assign</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../jd_admin/ui/reason.py" line="32"/>
        <source>{action}意见：</source>
        <extracomment>The service call: (session, reason) -&gt; result.</extracomment>
        <translation>{action} opinion:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/reason.py" line="51"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>RecruitmentPage</name>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="217"/>
        <source>场馆招募</source>
        <extracomment>The applications shown are the actor&apos;s own subdistrict&apos;s only. The dialogs this page opened last (tests and the lead reach them here).</extracomment>
        <translation>Recruitment</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="220"/>
        <source>招募公告</source>
        <translation>Recruitment calls</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="221"/>
        <source>自荐申请</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="232"/>
        <source>新建…</source>
        <translation>New…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="235"/>
        <source>修改…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="237"/>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="239"/>
        <source>截止</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="241"/>
        <source>打印公告…</source>
        <translation>Print call…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="254"/>
        <source>以下是区体育局发布的招募公告。场馆向所在街镇自荐后，在“自荐申请”中登记或从 Excel 导入。</source>
        <translation>These are the recruitment calls published by the district sports bureau. When a venue applies to its subdistrict, register the application under “Applications” or import it from Excel.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="258"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="259"/>
        <source>报名时间</source>
        <translation>Application period</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="259"/>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="262"/>
        <source>适用类型</source>
        <translation>Venue types</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="264"/>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="324"/>
        <source>项目</source>
        <translation>Sports</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="265"/>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="325"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="266"/>
        <source>申请数</source>
        <translation>Applications</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="277"/>
        <source>公告内容</source>
        <translation>Call text</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="353"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="358"/>
        <source>全部公告</source>
        <translation>All calls</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="363"/>
        <source>全部项目</source>
        <translation>All sports</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="365"/>
        <source>按名称、地址或信用代码搜索</source>
        <translation>Search by name, address or credit code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="366"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="353"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="358"/>
        <source>公告：</source>
        <translation>Call:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="363"/>
        <source>项目：</source>
        <translation>Sport:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="302"/>
        <source>登记申请…</source>
        <translation>Register application…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="305"/>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="307"/>
        <source>下载申请表模板…</source>
        <translation>Download application form template…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="309"/>
        <source>查看…</source>
        <translation>View…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="320"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="321"/>
        <source>场馆名称</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="322"/>
        <source>街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="323"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="326"/>
        <source>提交时间</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="328"/>
        <source>最近更新</source>
        <translation>Last updated</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="375"/>
        <source>{state}（报名中）</source>
        <translation>{state} (open for applications)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="377"/>
        <source>{state}（未开始）</source>
        <translation>{state} (not yet open)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="378"/>
        <source>{state}（报名期已过）</source>
        <translation>{state} (application period over)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="426"/>
        <source>共 {n} 份申请</source>
        <translation>{n} applications</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="456"/>
        <source>选中一个招募公告，在此查看申报条件和需提交的材料。</source>
        <translation>Select a recruitment call to see its eligibility requirements and required documents here.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="459"/>
        <source>&lt;b&gt;{title}&lt;/b&gt;（{state}）&lt;br&gt;报名时间：{start} 至 {end}；适用类型：{types}&lt;br&gt;运动项目：{sports}&lt;br&gt;&lt;br&gt;&lt;b&gt;申报条件&lt;/b&gt;&lt;br&gt;{conditions}&lt;br&gt;&lt;br&gt;&lt;b&gt;需提交的材料&lt;/b&gt;&lt;br&gt;{documents}</source>
        <translation>&lt;b&gt;{title}&lt;/b&gt; ({state})&lt;br&gt;Application period: {start} to {end}; venue types: {types}&lt;br&gt;Sports: {sports}&lt;br&gt;&lt;br&gt;&lt;b&gt;Eligibility requirements&lt;/b&gt;&lt;br&gt;{conditions}&lt;br&gt;&lt;br&gt;&lt;b&gt;Required documents&lt;/b&gt;&lt;br&gt;{documents}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="496"/>
        <source>发布招募公告“{title}”吗？发布后各街镇即可看到，公告不能再修改。</source>
        <translation>Publish the recruitment call “{title}”? Once published, it is visible to all subdistricts and can no longer be changed.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="497"/>
        <source>已发布招募公告“{title}”。</source>
        <translation>The recruitment call “{title}” has been published.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="499"/>
        <source>截止招募公告“{title}”吗？截止后不能再登记新的申请。</source>
        <translation>Close the recruitment call “{title}”? After closing, no new applications can be registered.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="500"/>
        <source>招募公告“{title}”已截止。</source>
        <translation>The recruitment call “{title}” has been closed.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="517"/>
        <source>正在生成公告…</source>
        <translation>Generating the call…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="548"/>
        <source>当前没有处于报名期的招募公告，不能登记申请。</source>
        <translation>No recruitment call is currently open for applications, so no application can be registered.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="583"/>
        <source>选择填好的自荐申请表</source>
        <translation>Choose the completed application form</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="583"/>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="605"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="587"/>
        <source>正在导入申请表…</source>
        <translation>Importing the application form…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="604"/>
        <source>保存自荐申请表模板</source>
        <translation>Save the application form template</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="604"/>
        <source>嘉定区体育消费券定点场馆自荐申请表.xlsx</source>
        <translation>Jiading sports voucher designated venue application form.xlsx</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/page.py" line="618"/>
        <source>已保存申请表模板：{path}
请交场馆填写后，用“从 Excel 导入…”登记。</source>
        <translation>The application form template has been saved: {path}
Give it to the venue to fill in, then register it with “Import from Excel…”.</translation>
    </message>
</context>
<context>
    <name>RenewDialog</name>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="85"/>
        <source>续签协议 {number}</source>
        <translation>Renew agreement {number}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="87"/>
        <source>续签将为“{venue}”生成一份新的协议草稿，并注明续签自 {number}；原协议保持不变。</source>
        <translation>Renewing generates a new draft agreement for “{venue}”, marked as a renewal of {number}; the original agreement stays unchanged.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="93"/>
        <source>新协议开始日期：</source>
        <translation>New agreement start date:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="93"/>
        <source>新协议结束日期：</source>
        <translation>New agreement end date:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="94"/>
        <source>生成续签协议</source>
        <translation>Generate renewal agreement</translation>
    </message>
</context>
<context>
    <name>ReportDoneDialog</name>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="183"/>
        <source>登记整改完成：{number}</source>
        <translation>Record rectification done: {number}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="184"/>
        <source>{venue} 报告已按整改通知完成整改（期限 {deadline}）。登记其说明和整改后的照片，随后安排复查。</source>
        <translation>{venue} reports the rectification done (deadline {deadline}). Record its report and photos after the rectification; a re-inspection follows.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="191"/>
        <source>未附照片</source>
        <translation>No photos</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="192"/>
        <source>添加照片…</source>
        <translation>Add photo…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="196"/>
        <source>整改说明：</source>
        <translation>Report:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="197"/>
        <source>整改照片：</source>
        <translation>Photos:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="198"/>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="201"/>
        <source>整改照片</source>
        <translation>Rectification photos</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="201"/>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/page.py" line="207"/>
        <source>无法读取照片：{reason}</source>
        <translation>Cannot read the photo: {reason}</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="94"/>
        <source>重置密码：{name}</source>
        <translation>Reset password: {name}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="99"/>
        <source>新的初始密码：</source>
        <translation>New initial password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="100"/>
        <source>确认：</source>
        <translation>Confirm:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="101"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="102"/>
        <source>重置后账户解锁，用户下次登录时必须修改密码。</source>
        <translation>The account is unlocked; the user must change the password at next login.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="105"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>RestrictionDialog</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="550"/>
        <source>专项券限制：新增版本</source>
        <translation>Special-purpose restriction: new version</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="551"/>
        <source>新增专项券限制</source>
        <translation>New special-purpose restriction</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="552"/>
        <source>填写已有编号即为该限制新增一个版本；填写新编号即新增一项限制。</source>
        <translation>Enter an existing code to add a new version of that restriction, or a new code to add a new restriction.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="558"/>
        <source>如 SWIM、SENIOR</source>
        <translation>e.g. SWIM, SENIOR</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="569"/>
        <source>如 游泳（与平台数据中的运动项目名称一致）</source>
        <translation>e.g. 游泳 (swimming); must match the sport name in the platform data</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="580"/>
        <source>编号：</source>
        <translation>Code:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="581"/>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="582"/>
        <source>类型：</source>
        <translation>Type:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="585"/>
        <source>生效日期：</source>
        <translation>Effective date:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="586"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="601"/>
        <source>运动项目：</source>
        <translation>Sports:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="601"/>
        <source>人群：</source>
        <translation>Population group:</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="107"/>
        <source>{action} — {number}</source>
        <translation>{action} — {number}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="108"/>
        <source>申请 {number}（{venue}）：{action}。</source>
        <translation>Application {number} ({venue}): {action}.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="117"/>
        <source>可分行填写，如审核情况、需补充的材料</source>
        <translation>Several lines if needed: the review&apos;s findings, materials still missing</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="120"/>
        <source>{action}意见：</source>
        <translation>{action} opinion:</translation>
    </message>
</context>
<context>
    <name>RuleTablesWidget</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="118"/>
        <source>版本（生效日期）：</source>
        <translation>Version (effective date):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="127"/>
        <source>面值（元）</source>
        <translation>Face value (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="129"/>
        <source>政府补贴（元）</source>
        <translation>Government subsidy (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="131"/>
        <source>场馆让利（元）</source>
        <translation>Venue concession (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="133"/>
        <source>使用门槛（满X元可用）</source>
        <translation>Minimum order (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="143"/>
        <source>面值表</source>
        <translation>Face value table</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="149"/>
        <source>每周指自然周（周一 0 时至周日 24 时，北京时间）。</source>
        <translation>A week is a calendar week (Monday 00:00 to Sunday 24:00, Beijing time).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="154"/>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="184"/>
        <source>生效日期</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="155"/>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="185"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="157"/>
        <source>每周领取上限</source>
        <translation>Weekly claim limit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="158"/>
        <source>同时持有上限</source>
        <translation>Holding limit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="159"/>
        <source>每日使用上限</source>
        <translation>Daily use limit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="160"/>
        <source>每周使用上限</source>
        <translation>Weekly use limit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="161"/>
        <source>每周大额券领取上限</source>
        <translation>Weekly high-value claim limit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="163"/>
        <source>大额券起点面值（元）</source>
        <translation>High-value threshold (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="165"/>
        <source>有效期（小时）</source>
        <translation>Validity (hours)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="169"/>
        <source>领取与使用限额</source>
        <translation>Claim and use limits</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="175"/>
        <source>发放批次可限定为某一运动项目或某一人群使用（专项券）。</source>
        <translation>An issuance batch can be restricted to one sport or one population group (special-purpose vouchers).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="177"/>
        <source>选中一行再点“新增版本…”即为该限制新增版本。</source>
        <translation>Select a row and click “New version…” to add a new version of that restriction.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="183"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="186"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="187"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="188"/>
        <source>限制内容</source>
        <translation>Restricted to</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="192"/>
        <source>专项券限制</source>
        <translation>Special-purpose restrictions</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="203"/>
        <source>新增版本…</source>
        <translation>New version…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="238"/>
        <source>{day}（{state}）</source>
        <translation>{day} ({state})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="265"/>
        <source>还没有面值表。</source>
        <translation>There is no face value table yet.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="270"/>
        <source>{state}：{day} 起领取的券按此表拆分政府补贴与场馆让利；政府补贴 + 场馆让利 = 面值。</source>
        <translation>{state}: vouchers claimed from {day} are split into government subsidy and venue concession by this table; government subsidy + venue concession = face value.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="289"/>
        <source>已新增面值表版本，{day} 起生效。</source>
        <translation>A new face value table version has been added, in force from {day}.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="299"/>
        <source>已新增领取与使用限额版本，{day} 起生效。</source>
        <translation>A new version of the claim and use limits has been added, in force from {day}.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="308"/>
        <source>已保存专项券限制 {code}，{day} 起生效。</source>
        <translation>The special-purpose restriction {code} has been saved, in force from {day}.</translation>
    </message>
</context>
<context>
    <name>SettlementPage</name>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="125"/>
        <source>月度结算</source>
        <translation>Monthly settlement</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="128"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="130"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="131"/>
        <source>补贴合计（元）</source>
        <translation>Subsidy (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="133"/>
        <source>拨付截止</source>
        <translation>Due by</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="135"/>
        <source>逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="135"/>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="154"/>
        <source>生成结算…</source>
        <translation>Generate…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="156"/>
        <source>核定</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="157"/>
        <source>审批</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="158"/>
        <source>退回…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="159"/>
        <source>登记拨付…</source>
        <translation>Record payment…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="160"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="196"/>
        <source>券码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="197"/>
        <source>市民</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="198"/>
        <source>领取时间</source>
        <translation>Claimed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="200"/>
        <source>核销时间</source>
        <translation>Redeemed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="202"/>
        <source>面值</source>
        <translation>Face value</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="204"/>
        <location filename="../../jd_admin/ui/settlement/page.py" line="249"/>
        <source>政府补贴</source>
        <translation>Subsidy</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="206"/>
        <location filename="../../jd_admin/ui/settlement/page.py" line="251"/>
        <source>场馆让利</source>
        <translation>Concession</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="208"/>
        <location filename="../../jd_admin/ui/settlement/page.py" line="253"/>
        <source>订单金额</source>
        <translation>Order amount</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="210"/>
        <location filename="../../jd_admin/ui/settlement/page.py" line="255"/>
        <source>市民实付</source>
        <translation>Paid by citizen</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="217"/>
        <source>请在上方选择一个月份，查看各场馆的结算行、券明细和办理记录。</source>
        <translation>Select a month above to see its venue lines, vouchers and history.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="241"/>
        <source>场馆</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="244"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="245"/>
        <source>券数</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="247"/>
        <source>其中结转</source>
        <translation>Carried over</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="257"/>
        <source>银行账户</source>
        <translation>Bank account</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="257"/>
        <source>缺失</source>
        <translation>Missing</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="258"/>
        <source>已登记</source>
        <translation>On file</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="259"/>
        <source>拨付</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="264"/>
        <source>场馆结算行</source>
        <translation>Venue lines</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="269"/>
        <location filename="../../jd_admin/ui/settlement/page.py" line="398"/>
        <source>在“场馆结算行”中选择一行（双击打开）。</source>
        <translation>Select a line under &quot;Venue lines&quot; (double-click to open).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="274"/>
        <source>结转自</source>
        <translation>Carried from</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="277"/>
        <source>券明细</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="280"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="260"/>
        <location filename="../../jd_admin/ui/settlement/page.py" line="281"/>
        <location filename="../../jd_admin/ui/settlement/page.py" line="293"/>
        <source>说明</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="162"/>
        <source>增加调整行…</source>
        <translation>Add adjustment line…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="163"/>
        <source>删除调整行…</source>
        <translation>Remove adjustment line…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="165"/>
        <source>暂停场馆…</source>
        <translation>Suspend venue…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="242"/>
        <source>巡查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="284"/>
        <source>未计入的券</source>
        <translation>Excluded vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="287"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="289"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="290"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="291"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="292"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="295"/>
        <source>办理记录</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="303"/>
        <source>更正结算行 {line}：{reason}</source>
        <translation>Corrects line {line}: {reason}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="317"/>
        <source>{day} 流水号 {reference}</source>
        <translation>{day}, ref. {reference}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="406"/>
        <source>{month} 结算&#x3000;{state}</source>
        <translation>Settlement {month}  {state}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="409"/>
        <source>{n} 张券，政府补贴 {subsidy} 元，场馆让利 {concession} 元，订单金额 {orders} 元，市民实付 {paid} 元；未计入 {excluded} 张，结转 {carried} 张。</source>
        <translation>{n} vouchers, subsidy {subsidy} yuan, concession {concession} yuan, orders {orders} yuan, paid by citizens {paid} yuan; {excluded} excluded, {carried} carried over.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="415"/>
        <source>拨付截止：{due}{overdue}</source>
        <translation>Due by: {due}{overdue}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="416"/>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="417"/>
        <source>生成：{who} {at}</source>
        <translation>Generated: {who} {at}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="421"/>
        <source>核定：{who} {at}</source>
        <translation>Verified: {who} {at}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="424"/>
        <source>审批：{who} {at}</source>
        <translation>Approved: {who} {at}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="429"/>
        <source>退回原因：{reason}</source>
        <translation>Returned: {reason}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="438"/>
        <source>未计入的券（{n}）</source>
        <translation>Excluded vouchers ({n})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="450"/>
        <source>{venue}：{n} 张券</source>
        <translation>{venue}: {n} vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="515"/>
        <source>结算汇总表（PDF）</source>
        <translation>Settlement summary (PDF)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="516"/>
        <source>结算汇总表（Excel）</source>
        <translation>Settlement summary (Excel)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="517"/>
        <source>场馆对账单（PDF，全部场馆）</source>
        <translation>Venue statements (PDF, all venues)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="518"/>
        <source>场馆对账单（Excel）</source>
        <translation>Venue statements (Excel)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="520"/>
        <source>银行付款清单（Excel）</source>
        <translation>Bank payment list (Excel)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="521"/>
        <source>银行付款清单（CSV，GB18030，供网银导入）</source>
        <translation>Bank payment list (CSV, GB18030, for online banking)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="536"/>
        <source>结算汇总表</source>
        <translation>settlement-summary</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="536"/>
        <source>场馆对账单</source>
        <translation>venue-statements</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="537"/>
        <source>银行付款清单</source>
        <translation>bank-payment-list</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="539"/>
        <source>导出{what}</source>
        <translation>Export {what}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="546"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="558"/>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="571"/>
        <source>正在生成 {month} 的结算…</source>
        <translation>Generating the settlement of {month}…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="591"/>
        <source>核定 {month} 的结算吗？核定后各场馆的结算行冻结，不能再重新生成。</source>
        <translation>Verify the settlement of {month}? Its venue lines are then frozen and it cannot be generated again.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="594"/>
        <source>正在核定…</source>
        <translation>Verifying…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="599"/>
        <source>审批 {month} 的结算吗？审批后结算不能再修改，补贴合计 {subsidy} 元。</source>
        <translation>Approve the settlement of {month}? It cannot be changed after approval. Subsidy total: {subsidy} yuan.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="602"/>
        <source>正在审批…</source>
        <translation>Approving…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="616"/>
        <source>退回结算</source>
        <translation>Return the settlement</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="617"/>
        <source>退回 {month} 的结算，退回后可以重新生成和核定。</source>
        <translation>Return the settlement of {month}; it can then be generated and verified again.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="619"/>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="620"/>
        <source>确定退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="636"/>
        <source>删除“{venue}”的调整行（{amount} 元）。</source>
        <translation>Delete the adjustment line of “{venue}” ({amount} yuan).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="638"/>
        <source>删除调整行的原因：</source>
        <translation>Reason for deleting the adjustment line:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="640"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="649"/>
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="652"/>
        <source>暂停“{name}”。暂停期间该场馆不能核销消费券。</source>
        <translation>Suspend “{name}”. While suspended the venue cannot redeem vouchers.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="658"/>
        <source>确定暂停</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="635"/>
        <source>删除调整行</source>
        <translation>Remove adjustment line</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="651"/>
        <source>暂停定点场馆</source>
        <translation>Suspend a designated venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="659"/>
        <source>已暂停“{name}”。</source>
        <translation>“{name}” suspended.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/settlement/page.py" line="667"/>
        <source>已登记拨付，该结算已全部拨付。</source>
        <translation>Payment recorded; the settlement is now paid in full.</translation>
    </message>
</context>
<context>
    <name>SignalParametersWidget</name>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="223"/>
        <source>除“超过警戒线”外，每个预警信号按以下参数判断。修改参数就是新增一个生效日期不早于今天的版本，已过去的日子始终按当时的参数判断。</source>
        <translation>Except for “above the alert line”, each warning signal is judged by the parameters below. Changing them adds a version effective today or later; past days are always judged by the parameters they had.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="228"/>
        <source>修改参数…</source>
        <translation>Change parameters…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="235"/>
        <source>预警信号</source>
        <translation>Signal</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="236"/>
        <source>参数</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="237"/>
        <source>当前值</source>
        <translation>Value now</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="238"/>
        <source>生效日期</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="239"/>
        <source>默认</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="240"/>
        <source>待生效的值</source>
        <translation>Next value</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/settings.py" line="270"/>
        <source>已新增预警参数版本。</source>
        <translation>A new version of the warning parameters was added.</translation>
    </message>
</context>
<context>
    <name>SignaturesDialog</name>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="115"/>
        <source>登记签署日期：{number}</source>
        <translation>Record signing dates: {number}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="116"/>
        <source>勾选已签署的当事方并填写其签署日期（以协议上的落款日期为准）。</source>
        <translation>Tick the parties that have signed and enter their signing dates (as dated on the agreement).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="122"/>
        <source>甲方（区体育局）：</source>
        <translation>Party A (sports bureau):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="123"/>
        <source>乙方（定点场馆）：</source>
        <translation>Party B (designated venue):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="124"/>
        <source>丙方（配送平台）：</source>
        <translation>Party C (distribution platform):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="125"/>
        <source>已签署</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="135"/>
        <source>已登记的签署日期可以更正，不能清除</source>
        <translation>A recorded signing date can be corrected but not cleared</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="145"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="146"/>
        <source>三方签署日期齐全并上传签署后的扫描件后，即可确认生效。</source>
        <translation>Once all three signing dates are recorded and the signed scan is uploaded, the agreement can be confirmed as in force.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="155"/>
        <source>请至少勾选一方并填写其签署日期</source>
        <translation>Tick at least one party and enter its signing date</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="596"/>
        <source>统计分析</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="601"/>
        <source>数据看板</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="604"/>
        <source>预算执行</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="606"/>
        <source>价格诚信</source>
        <translation>Price integrity</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="608"/>
        <source>评估报告</source>
        <translation>Evaluation report</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="611"/>
        <source>规则调整测算</source>
        <translation>What-if</translation>
    </message>
</context>
<context>
    <name>StatusHistoryDialog</name>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="74"/>
        <source>名录变更记录：{name}</source>
        <translation>Register history: {name}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="78"/>
        <source>{name}（{subdistrict}）· 当前状态：{status}</source>
        <translation>{name} ({subdistrict}) · now: {status}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="85"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="87"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="88"/>
        <source>（新登记）</source>
        <translation>(newly registered)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="89"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="90"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="91"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="92"/>
        <source>登录名：{login}</source>
        <translation>Login: {login}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="99"/>
        <source>没有变更记录。</source>
        <translation>No changes recorded.</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <location filename="../../jd_admin/ui/tasks_page.py" line="28"/>
        <source>我的待办</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/tasks_page.py" line="30"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/tasks_page.py" line="35"/>
        <source>{name}，您好。以下是等待您处理的事项，双击可打开。</source>
        <translation>Hello, {name}. These are the items waiting for you; double-click to open one.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/tasks_page.py" line="39"/>
        <source>事项</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/tasks_page.py" line="40"/>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/tasks_page.py" line="41"/>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/tasks_page.py" line="47"/>
        <source>暂无待办事项。</source>
        <translation>Nothing waiting for you.</translation>
    </message>
</context>
<context>
    <name>TerminateDialog</name>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="169"/>
        <source>{action}协议 {number}</source>
        <translation>{action} agreement {number}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="171"/>
        <source>{action}后协议不能恢复；如需继续合作，请重新生成或续签协议。</source>
        <translation>{action}: this cannot be undone. To continue the cooperation, generate a new agreement or renew this one.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="180"/>
        <source>{action}日期：</source>
        <translation>{action} on:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="181"/>
        <source>原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/agreements/dialogs.py" line="182"/>
        <source>确定{action}</source>
        <translation>{action}</translation>
    </message>
</context>
<context>
    <name>Tile</name>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="181"/>
        <source>上期 {previous}</source>
        <translation>Before: {previous}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/page.py" line="186"/>
        <source>{arrow} {percent}%（上期 {previous}）</source>
        <translation>{arrow} {percent}% (before: {previous})</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="140"/>
        <source>登记培训</source>
        <translation>Record a training session</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="141"/>
        <source>登记局里为定点场馆举办的培训。从左侧选择参加的场馆（可多选）加入右侧，填写各场馆的参加人数和姓名。</source>
        <translation>Record a training session the bureau held for designated venues. Choose the venues that attended on the left (several at once) and add them to the right, with each venue&apos;s number of people and their names.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="154"/>
        <source>讲义、课件等（名称或存放位置）</source>
        <translation>Handouts, slides… (name or where they are kept)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="155"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="156"/>
        <source>主题：</source>
        <translation>Topic:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="157"/>
        <source>讲师：</source>
        <translation>Trainer:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="158"/>
        <source>地点：</source>
        <translation>Place:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="159"/>
        <source>培训材料：</source>
        <translation>Materials:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="163"/>
        <source>按名称筛选场馆</source>
        <translation>Filter venues by name</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="174"/>
        <source>加入 →</source>
        <translation>Add →</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="175"/>
        <source>← 移除</source>
        <translation>← Remove</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="181"/>
        <source>场馆</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="181"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="181"/>
        <source>参加人员姓名</source>
        <translation>Names of those attending</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="199"/>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="258"/>
        <source>{venues} 个场馆，共 {people} 人</source>
        <translation>{venues} venues, {people} people</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="268"/>
        <source>请至少加入一个参加培训的场馆</source>
        <translation>Add at least one venue that attended</translation>
    </message>
</context>
<context>
    <name>UsageRulesDialog</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="497"/>
        <source>新增领取与使用限额版本</source>
        <translation>New version of claim and use limits</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="495"/>
        <source>每位市民的领取与使用限额。每周指自然周（周一 0 时至周日 24 时，北京时间）。</source>
        <translation>Claim and use limits per citizen. A week is a calendar week (Monday 00:00 to Sunday 24:00, Beijing time).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="513"/>
        <source>生效日期：</source>
        <translation>Effective date:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="514"/>
        <source>每周领取上限（张）：</source>
        <translation>Weekly claim limit (vouchers):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="515"/>
        <source>同时持有上限（张，未使用且未过期）：</source>
        <translation>Holding limit (unused, unexpired vouchers):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="516"/>
        <source>每日使用上限（张）：</source>
        <translation>Daily use limit (vouchers):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="517"/>
        <source>每周使用上限（张）：</source>
        <translation>Weekly use limit (vouchers):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="518"/>
        <source>每周大额券领取上限（张）：</source>
        <translation>Weekly high-value claim limit (vouchers):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="519"/>
        <source>大额券起点面值（元）：</source>
        <translation>High-value threshold (yuan):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="520"/>
        <source>有效期（自领取起，小时）：</source>
        <translation>Validity (hours from claim):</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="521"/>
        <source>保存新版本</source>
        <translation>Save new version</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="534"/>
        <source>大额券起点面值：请填写大于 0 的金额（元），如 50</source>
        <translation>High-value threshold: enter an amount above 0 (yuan), e.g. 50</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="47"/>
        <source>新建用户</source>
        <extracomment>What the page loads: the subdistricts, the users and the agreement parties.</extracomment>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="64"/>
        <source>用户名：</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="65"/>
        <source>姓名：</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="66"/>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="67"/>
        <source>所属街镇：</source>
        <translation>Subdistrict:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="68"/>
        <source>初始密码：</source>
        <translation>Initial password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="69"/>
        <source>确认初始密码：</source>
        <translation>Confirm initial password:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="70"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="71"/>
        <source>用户首次登录时必须修改初始密码。在 PostgreSQL 上同时创建此人的数据库登录角色。</source>
        <translation>The user must change the initial password at first login. On PostgreSQL this also creates the person&apos;s database login role.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/admin/page.py" line="83"/>
        <source>两次输入的密码不一致</source>
        <translation>The two passwords do not match</translation>
    </message>
</context>
<context>
    <name>VenueHistoryDialog</name>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="61"/>
        <source>巡查与培训：{name}</source>
        <translation>Inspections and training: {name}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="70"/>
        <source>巡查标记：{why}</source>
        <translation>Inspection mark: {why}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="77"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="78"/>
        <source>检查时间</source>
        <translation>Inspected at</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="81"/>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="95"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="82"/>
        <source>结论</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="84"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="86"/>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="94"/>
        <source>整改期限</source>
        <translation>Rectify by</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="87"/>
        <source>巡查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="88"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="88"/>
        <source>复查</source>
        <translation>Re-inspection</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="89"/>
        <source>更正：{reason}</source>
        <translation>Correction: {reason}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="93"/>
        <source>通知编号</source>
        <translation>Notice no.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="96"/>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="97"/>
        <source>问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="99"/>
        <source>整改说明</source>
        <translation>Rectification report</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="106"/>
        <source>{n} 人</source>
        <translation>{n} people</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="110"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="111"/>
        <source>主题</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="112"/>
        <source>讲师</source>
        <translation>Trainer</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="113"/>
        <source>地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="114"/>
        <source>本场馆参加</source>
        <translation>Attended from this venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="115"/>
        <source>材料</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="119"/>
        <source>巡查记录（{n}）</source>
        <translation>Inspections ({n})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="120"/>
        <source>整改通知（{n}）</source>
        <translation>Rectification notices ({n})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/dialogs.py" line="122"/>
        <source>培训（{n}）</source>
        <translation>Training ({n})</translation>
    </message>
</context>
<context>
    <name>VenuesPage</name>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="118"/>
        <source>定点场馆名录</source>
        <translation>Register of designated venues</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="159"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="289"/>
        <source>暂停</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="290"/>
        <source>退出</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="163"/>
        <source>按名称、地址或信用代码搜索</source>
        <translation>Search by name, address or credit code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="171"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="159"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="128"/>
        <source>场馆名称</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="129"/>
        <source>街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="130"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="131"/>
        <source>项目</source>
        <translation>Sports</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="133"/>
        <source>巡查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="135"/>
        <source>协议编号</source>
        <translation>Agreement no.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="136"/>
        <source>协议到期</source>
        <translation>Agreement expires</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="137"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="138"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="139"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="168"/>
        <source>不勾选时只列出（和导出）可以核销消费券的场馆：定点且协议生效中。</source>
        <translation>Unticked, only the venues that can redeem vouchers are listed (and exported): designated, with an agreement in force.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="185"/>
        <source>巡查与培训…</source>
        <translation>Inspections and training…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="237"/>
        <source>共 {n} 个定点且协议生效中的场馆</source>
        <translation>{n} designated venues with an agreement in force</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="271"/>
        <source>巡查标记：{why}</source>
        <translation>Inspection mark: {why}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="289"/>
        <source>恢复</source>
        <translation>Reinstate</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="292"/>
        <source>暂停期间该场馆不能核销消费券。</source>
        <translation>While suspended, the venue cannot redeem vouchers.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="293"/>
        <source>恢复后，协议生效期间该场馆可以核销消费券。</source>
        <translation>Once reinstated, the venue can redeem vouchers while its agreement is in force.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="295"/>
        <source>退出后该场馆不再是定点场馆；重新定点须重新提交自荐申请。</source>
        <translation>Once withdrawn, the venue is no longer a designated venue; to be designated again it must submit a new application.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="306"/>
        <source>{action}定点场馆</source>
        <translation>Designated venue: {action}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="307"/>
        <source>{action}“{name}”。{note}</source>
        <translation>{action} “{name}”. {note}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="310"/>
        <source>确定{action}</source>
        <translation>{action}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="312"/>
        <source>已{action}“{name}”。</source>
        <translation>{action}: “{name}” done.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="351"/>
        <source>Excel 工作簿</source>
        <translation>Excel workbook</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="352"/>
        <source>GeoJSON 文件</source>
        <translation>GeoJSON file</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="353"/>
        <source>定点场馆名录-{day}.{ext}</source>
        <translation>Designated venues-{day}.{ext}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="356"/>
        <source>导出定点场馆名录</source>
        <translation>Export the register of designated venues</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="371"/>
        <source>已导出 {n} 个场馆到：
{path}</source>
        <translation>{n} venues exported to:
{path}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="132"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="176"/>
        <source>暂停…</source>
        <translation>Suspend…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="178"/>
        <source>恢复…</source>
        <translation>Reinstate…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="180"/>
        <source>退出…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="182"/>
        <source>历史…</source>
        <translation>History…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="165"/>
        <source>包含未生效/暂停/退出的场馆</source>
        <translation>Include venues not in force / suspended / withdrawn</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="194"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="198"/>
        <source>导出 GeoJSON…</source>
        <translation>Export GeoJSON…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/register/page.py" line="235"/>
        <source>共 {n} 个场馆</source>
        <translation>{n} venues</translation>
    </message>
</context>
<context>
    <name>VerifierDialog</name>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="47"/>
        <source>改派核查人</source>
        <translation>Reassign the verifier</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="47"/>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="59"/>
        <source>开始核查</source>
        <translation>Start verification</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="49"/>
        <source>{venue}：{explanation}</source>
        <translation>{venue}: {explanation}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="54"/>
        <source>核查人：</source>
        <translation>Verifier:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="58"/>
        <source>改派原因：</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="59"/>
        <source>改派</source>
        <translation>Reassign</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/dialogs.py" line="72"/>
        <source>没有可指派的核查人</source>
        <translation>No verifier can be assigned</translation>
    </message>
</context>
<context>
    <name>VoucherListTab</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="143"/>
        <source>全部批次</source>
        <translation>All batches</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="145"/>
        <source>全部面值</source>
        <translation>All face values</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="147"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="149"/>
        <source>有规则标记</source>
        <translation>Flagged</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="166"/>
        <source>全部规则</source>
        <translation>All rules</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="157"/>
        <source>场馆名称或信用代码</source>
        <translation>Venue name or credit code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="161"/>
        <source>查找场馆</source>
        <translation>Find venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="152"/>
        <source>全部场馆</source>
        <translation>All venues</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="172"/>
        <source>如 138****1234，可只输前几位</source>
        <translation>e.g. 138****1234; the first few characters are enough</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="175"/>
        <source>系统只保存脱敏后的用户标识：按脱敏形式完全匹配或前缀匹配；输入完整手机号或身份证号时先脱敏再查找。</source>
        <translation>The system stores only masked citizen IDs. The search matches the masked form exactly or by prefix; a full mobile number or ID card number is masked before searching.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="142"/>
        <source>批次：</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="144"/>
        <source>面值：</source>
        <translation>Face value:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="147"/>
        <source>状态：</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="166"/>
        <source>规则标记：</source>
        <translation>Rule flag:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="170"/>
        <source>用户标识：</source>
        <translation>Citizen ID:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="151"/>
        <source>场馆：</source>
        <translation>Venue:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="179"/>
        <source>领取日期：</source>
        <translation>Claimed:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="180"/>
        <source>核销日期：</source>
        <translation>Redeemed:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="196"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="197"/>
        <source>重置条件</source>
        <translation>Reset filters</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="202"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="248"/>
        <source>规则标记</source>
        <translation>Rule flags</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="250"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="251"/>
        <source>超出情况</source>
        <translation>What was exceeded</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="252"/>
        <source>规则版本</source>
        <translation>Rule version</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="253"/>
        <source>标记时间</source>
        <translation>Flagged at</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="255"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="255"/>
        <source>已解除</source>
        <translation>Cleared</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="256"/>
        <source>待处理</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="256"/>
        <source>已撤销</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="257"/>
        <source>解除人</source>
        <translation>Cleared by</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="258"/>
        <source>解除时间</source>
        <translation>Cleared at</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="259"/>
        <source>解除原因</source>
        <translation>Reason for clearing</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="265"/>
        <source>解除标记…</source>
        <translation>Clear flag…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="364"/>
        <source>没有名称或信用代码包含“{text}”的场馆。</source>
        <translation>No venue has a name or credit code containing “{text}”.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="374"/>
        <source>{v} 元</source>
        <translation>{v} yuan</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="381"/>
        <source>已加载 {n} 条</source>
        <translation>{n} loaded</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="386"/>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="391"/>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="401"/>
        <source>共 {n} 条</source>
        <translation>{n} in total</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="395"/>
        <source>共 … 条（统计中）</source>
        <translation>… in total (counting)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="404"/>
        <source>正在统计消费券数量…</source>
        <translation>Counting vouchers…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="450"/>
        <source>选中一张消费券查看详情。</source>
        <translation>Select a voucher to see its details.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="453"/>
        <source>券码：{v}</source>
        <translation>Voucher code: {v}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="454"/>
        <source>批次：{v}&#x3000;面值：{face} 元（政府补贴 {subsidy} 元）</source>
        <translation>Batch: {v}  Face value: {face} yuan (government subsidy {subsidy} yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="456"/>
        <source>用户：{v}&#x3000;{group}</source>
        <translation>Citizen: {v}  {group}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="458"/>
        <source>领取：{v}&#x3000;有效期至：{e}</source>
        <translation>Claimed: {v}  Valid until: {e}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="460"/>
        <source>状态：{v}</source>
        <translation>Status: {v}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="465"/>
        <source>{code}（不在场馆名录中）</source>
        <translation>{code} (not in the venue register)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="467"/>
        <source>核销：{v}&#x3000;{venue}&#x3000;{sd}</source>
        <translation>Redeemed: {v}  {venue}  {sd}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="470"/>
        <source>项目：{sport}&#x3000;订单 {order} 元，实付 {paid} 元</source>
        <translation>Sport: {sport}  Order {order} yuan, paid {paid} yuan</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="474"/>
        <source>待处理标记：{v}</source>
        <translation>Pending flags: {v}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="510"/>
        <source>解除规则标记</source>
        <translation>Clear rule flag</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="506"/>
        <source>已解除消费券 {code} 的“{label}”标记。</source>
        <translation>The “{label}” flag on voucher {code} has been cleared.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="511"/>
        <source>解除消费券 {code} 的“{label}”标记后，该券重新计入结算。</source>
        <translation>Once the “{label}” flag of voucher {code} is cleared, the voucher counts in the settlement again.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="513"/>
        <source>解除标记的原因：</source>
        <translation>Reason for clearing the flag:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="513"/>
        <source>解除标记</source>
        <translation>Clear flag</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="522"/>
        <source>消费券-{day}.xlsx</source>
        <translation>Vouchers-{day}.xlsx</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="523"/>
        <source>导出消费券</source>
        <translation>Export vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="524"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="540"/>
        <source>正在导出消费券…</source>
        <translation>Exporting vouchers…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="545"/>
        <source>已取消导出，没有写入文件。</source>
        <translation>Export cancelled; no file was written.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/list_tab.py" line="548"/>
        <source>已导出 {n} 张消费券到：
{path}</source>
        <translation>{n} vouchers exported to:
{path}</translation>
    </message>
</context>
<context>
    <name>VoucherTableModel</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="68"/>
        <source>券码</source>
        <extracomment>Column -&gt; server-side sort (voucher_browse.SORTS); other columns are not sortable.</extracomment>
        <translation>Voucher code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="69"/>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="70"/>
        <source>面值</source>
        <translation>Face value</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="71"/>
        <source>政府补贴</source>
        <translation>Government subsidy</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="72"/>
        <source>用户（脱敏）</source>
        <translation>Citizen (masked)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="73"/>
        <source>人群</source>
        <translation>Population group</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="74"/>
        <source>领取时间</source>
        <translation>Claimed at</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="75"/>
        <source>核销时间</source>
        <translation>Redeemed at</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="76"/>
        <source>有效期至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="77"/>
        <source>核销场馆</source>
        <translation>Redeeming venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="78"/>
        <source>街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="79"/>
        <source>运动项目</source>
        <translation>Sport</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="80"/>
        <source>订单金额</source>
        <translation>Order amount</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="81"/>
        <source>实付金额</source>
        <translation>Amount paid</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="82"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="83"/>
        <source>规则标记</source>
        <translation>Rule flags</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="211"/>
        <source>正在加载消费券…</source>
        <extracomment>The rows loaded so far changed (appended or reset): (rows loaded, all loaded?).</extracomment>
        <translation>Loading vouchers…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="268"/>
        <source>平台报送的场馆信用代码不在场馆名录中</source>
        <translation>The venue credit code reported by the platform is not in the venue register</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/model.py" line="314"/>
        <source>此列不能排序</source>
        <translation>This column cannot be sorted</translation>
    </message>
</context>
<context>
    <name>VouchersPage</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/page.py" line="28"/>
        <location filename="../../jd_admin/ui/vouchers/page.py" line="33"/>
        <source>消费券</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/page.py" line="36"/>
        <source>发放批次</source>
        <translation>Issuance batches</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/page.py" line="39"/>
        <source>规则表</source>
        <translation>Rule tables</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/page.py" line="44"/>
        <source>数据导入</source>
        <translation>Data import</translation>
    </message>
</context>
<context>
    <name>WarningsPage</name>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="172"/>
        <source>预警</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="179"/>
        <source>预警名单</source>
        <translation>Warning list</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="181"/>
        <source>警戒线</source>
        <translation>Alert line</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="183"/>
        <source>预警参数</source>
        <translation>Signal parameters</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="186"/>
        <source>扫描预警</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="187"/>
        <source>扫描最近 {n} 天的核销数据，生成预警</source>
        <translation>Scan the last {n} days of redemptions for warnings</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="190"/>
        <source>上报预警…</source>
        <translation>File a warning…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="193"/>
        <source>开始核查…</source>
        <translation>Start verification…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="194"/>
        <source>改派…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="195"/>
        <source>结案…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="198"/>
        <source>导出核查单…</source>
        <translation>Verification sheet…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="210"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="211"/>
        <location filename="../../jd_admin/ui/warnings/page.py" line="460"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="212"/>
        <source>场馆</source>
        <translation>Venue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="213"/>
        <source>街镇</source>
        <translation>Subdistrict</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="214"/>
        <location filename="../../jd_admin/ui/warnings/page.py" line="459"/>
        <source>信号</source>
        <translation>Signal</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="215"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="216"/>
        <source>（已逾期）</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="217"/>
        <location filename="../../jd_admin/ui/warnings/page.py" line="463"/>
        <source>核查人</source>
        <translation>Verifier</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="218"/>
        <location filename="../../jd_admin/ui/warnings/page.py" line="464"/>
        <source>核查期限</source>
        <translation>Verify by</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="220"/>
        <source>涉及券数</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="222"/>
        <location filename="../../jd_admin/ui/warnings/page.py" line="285"/>
        <location filename="../../jd_admin/ui/warnings/page.py" line="321"/>
        <source>说明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="242"/>
        <source>场馆：</source>
        <translation>Venue:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="242"/>
        <source>全部场馆</source>
        <translation>All venues</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="244"/>
        <source>信号：</source>
        <translation>Signal:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="244"/>
        <source>全部信号</source>
        <translation>All signals</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="247"/>
        <source>状态：</source>
        <translation>State:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="247"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="250"/>
        <source>日期：</source>
        <translation>Date:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="262"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="275"/>
        <source>选择一条预警查看详情</source>
        <translation>Select a warning to see its details</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="282"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="283"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="284"/>
        <source>动作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="288"/>
        <source>处理记录：</source>
        <translation>History:</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="296"/>
        <source>券码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="297"/>
        <source>领券市民</source>
        <translation>Citizen</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="298"/>
        <source>核销时间</source>
        <translation>Redeemed at</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="301"/>
        <source>项目</source>
        <translation>Sport</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="302"/>
        <source>面值（元）</source>
        <translation>Face value (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="304"/>
        <source>订单金额（元）</source>
        <translation>Order (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="307"/>
        <source>实付（元）</source>
        <translation>Paid (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="313"/>
        <source>每日核销</source>
        <translation>Daily use</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="314"/>
        <source>涉及消费券</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="318"/>
        <source>每日核销情况和涉及的消费券明细由区体育局和运营机构查看。</source>
        <translation>The daily use and the vouchers concerned are for the sports bureau and the platform operator.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="372"/>
        <source>共 {n} 条，未结 {open} 条，逾期 {late} 条</source>
        <translation>{n} in all, {open} undecided, {late} overdue</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="429"/>
        <source>{venue} 每日核销（{since} 至 {until}）</source>
        <translation>{venue}: daily use ({since} to {until})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="436"/>
        <source>涉及消费券（{n}）</source>
        <translation>Vouchers ({n})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="444"/>
        <source>：</source>
        <translation>: </translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="444"/>
        <source>&#x3000;</source>
        <translation> · </translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="444"/>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="455"/>
        <source>（{subdistrict}）</source>
        <translation> ({subdistrict})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="462"/>
        <source>数据</source>
        <translation>Figures</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="467"/>
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="469"/>
        <source>核查情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="471"/>
        <source>处理决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="513"/>
        <source>已结案：{state}。{decision}</source>
        <translation>Closed: {state}. {decision}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="536"/>
        <source>已扫描 {since} 至 {until}：新增预警 {created} 条，更新 {updated} 条，已有未变 {unchanged} 条</source>
        <translation>Scanned {since} to {until}: {created} new warnings, {updated} updated, {unchanged} unchanged</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="548"/>
        <source>导出预警核查单</source>
        <translation>Export the verification sheet</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/warnings/page.py" line="559"/>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
</context>
<context>
    <name>WhatIfWidget</name>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="101"/>
        <source>规则调整测算</source>
        <translation>What-if on rule changes</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="103"/>
        <source>按调整后的参数重新计算一段已过去时期的结算，与实际结算对比。测算只读取数据（只读事务），不写入、不改动任何标记或结算。参数预先填入测算期末生效的规则；与其相同的项，各张券仍按其领取时实际生效的规则判断。</source>
        <translation>Re-runs the settlements of a past period with changed parameters and compares them with the actual settlements. The simulation only reads the data (a read-only transaction): it writes nothing and changes no flag or settlement. The parameters start as those in force at the end of the period; where a value is left as it is, each voucher is judged under the rules actually in force when it was claimed.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="110"/>
        <source>测算期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="112"/>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="114"/>
        <source>（按所在月份的结算）</source>
        <translation>(the settlements of its months)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="116"/>
        <source>载入期末规则</source>
        <translation>Load the rules in force at its end</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="121"/>
        <source>使用规则</source>
        <translation>Usage rules</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="124"/>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="126"/>
        <source> 张/周</source>
        <translation> vouchers/week</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="124"/>
        <source> 张</source>
        <translation> vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="125"/>
        <source> 次/日</source>
        <translation> uses/day</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="125"/>
        <source> 次/周</source>
        <translation> uses/week</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="127"/>
        <source>每周领取上限</source>
        <translation>Weekly claim limit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="128"/>
        <source>持有未使用券上限</source>
        <translation>Max unused vouchers held</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="129"/>
        <source>每日使用上限</source>
        <translation>Daily use limit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="130"/>
        <source>每周使用上限</source>
        <translation>Weekly use limit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="131"/>
        <source>每周大额券领取上限</source>
        <translation>Weekly high-value claim limit</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="140"/>
        <source>面值表（元）</source>
        <translation>Face values (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="144"/>
        <source>批次预算</source>
        <translation>Batch budget</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="151"/>
        <source>元</source>
        <translation>yuan</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="152"/>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="153"/>
        <source>预算（元）</source>
        <translation>Budget (yuan)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="154"/>
        <source>选定批次后，预算用尽之后核销的券按不予支付计算（实际结算只提示超预算）。</source>
        <translation>With a batch chosen, the vouchers redeemed after its budget runs out count as unpaid (actual settlements only warn of an overrun).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="160"/>
        <source>运行模拟</source>
        <translation>Run simulation</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="172"/>
        <source>指标</source>
        <translation>Metric</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="172"/>
        <source>实际</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="172"/>
        <source>模拟</source>
        <translation>Simulated</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="173"/>
        <source>差额</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="205"/>
        <source>面值</source>
        <translation>Face value</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="205"/>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="337"/>
        <source>政府补贴</source>
        <translation>Government subsidy</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="205"/>
        <source>使用门槛</source>
        <translation>Minimum order</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="219"/>
        <source>（不按预算截止）</source>
        <translation>(no budget cut-off)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="238"/>
        <source>正在载入规则，请稍候</source>
        <translation>Loading the rules, please wait</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="241"/>
        <source>测算期：结束日期不能早于开始日期</source>
        <translation>Period: the end date cannot be before the start date</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="252"/>
        <source>{face} 元券的政府补贴</source>
        <translation>Government subsidy of the {face} yuan voucher</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="257"/>
        <source>{face} 元券的政府补贴须在 0 到面值之间</source>
        <translation>The government subsidy of the {face} yuan voucher must be between 0 and its face value</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="262"/>
        <source>{face} 元券的使用门槛</source>
        <translation>Minimum order of the {face} yuan voucher</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="267"/>
        <source>{face} 元券的使用门槛不能低于面值</source>
        <translation>The minimum order of the {face} yuan voucher cannot be below its face value</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="275"/>
        <source>批次 {batch} 的预算</source>
        <translation>Budget of batch {batch}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="289"/>
        <source>{field}：请填写不小于 0 的金额（元），如 15.00</source>
        <translation>{field}: enter an amount in yuan of at least 0, e.g. 15.00</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="301"/>
        <source>正在测算…</source>
        <translation>Simulating…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="326"/>
        <source>测算期 {span}</source>
        <translation>Period {span}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="327"/>
        <source>调整的参数：{changes}</source>
        <translation>Parameters changed: {changes}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="329"/>
        <source>无（与实际相同）</source>
        <translation>none (as actually in force)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="331"/>
        <source>尚未核定结算的月份按现在生成结算计算：{months}</source>
        <translation>Months without a verified settlement, taken as a settlement generated now: {months}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="338"/>
        <source>面值合计</source>
        <translation>Face value</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/statistics/whatif.py" line="339"/>
        <source>带动消费</source>
        <translation>Consumption driven</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../jd_admin/ui/app.py" line="103"/>
        <source>无法打开数据库文件：{error}</source>
        <translation>Cannot open the database file: {error}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/app.py" line="130"/>
        <source>数据库文件 {file} 已被本机上另一个正在运行的本程序打开。
同一个数据库文件同时只能由一个程序使用：请切换到已打开的那个窗口，或先将它退出后再启动。</source>
        <translation>The database file {file} is already open in another copy of this program running on this computer.
Only one program at a time can use a database file: switch to the window that is open, or quit it before starting again.</translation>
    </message>
</context>
<context>
    <name>files</name>
    <message>
        <location filename="../../jd_admin/ui/files.py" line="141"/>
        <source>这台电脑上没有可以打开“{name}”的程序。要把它另存到其他位置吗？</source>
        <extracomment>Opening one of these is attaching a document, not importing data.</extracomment>
        <translation>No program on this computer can open “{name}”. Save it somewhere else instead?</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/files.py" line="202"/>
        <source>{kind} 文件 (*{suffix})</source>
        <translation>{kind} files (*{suffix})</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/files.py" line="205"/>
        <source>所有文件 (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/files.py" line="206"/>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/files.py" line="221"/>
        <source>无法保存到“{path}”：{reason}</source>
        <translation>Cannot save to “{path}”: {reason}</translation>
    </message>
</context>
<context>
    <name>form</name>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="82"/>
        <source>严重项：不合格即整次巡查不合格</source>
        <translation>Serious item: failing it fails the whole inspection</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="88"/>
        <source>（未填）</source>
        <translation>(not answered)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="89"/>
        <source>合格</source>
        <translation>Pass</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="90"/>
        <source>不合格</source>
        <translation>Fail</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="97"/>
        <source>0–{max} 分</source>
        <translation>0–{max} points</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="112"/>
        <source>说明（不合格时写明发现的问题）</source>
        <translation>Note (for a failure, what was found)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="125"/>
        <source>照片 {n}（须附）…</source>
        <translation>Photos {n} (required)…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="127"/>
        <source>照片 {n}…</source>
        <translation>Photos {n}…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="129"/>
        <source>不合格时须附照片</source>
        <translation>A photo is required when it fails</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="165"/>
        <source>应为 {low}–{high}{unit}</source>
        <translation>should be {low}–{high}{unit}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="168"/>
        <source>应不低于 {low}{unit}</source>
        <translation>at least {low}{unit}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/inspections/form.py" line="170"/>
        <source>应不高于 {high}{unit}</source>
        <translation>at most {high}{unit}</translation>
    </message>
</context>
<context>
    <name>keys</name>
    <message>
        <location filename="../../jd_admin/ui/keys.py" line="43"/>
        <source>{text}（{key}）</source>
        <extracomment>The main window&apos;s 账户 menu: 注销 and 切换用户.</extracomment>
        <translation>{text} ({key})</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../jd_admin/ui/messages.py" line="20"/>
        <source>提示</source>
        <translation>Information</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/messages.py" line="24"/>
        <source>无法完成</source>
        <translation>Could not be done</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/messages.py" line="28"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/messages.py" line="32"/>
        <source>请确认</source>
        <translation>Please confirm</translation>
    </message>
</context>
<context>
    <name>navigation</name>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="52"/>
        <source>待办</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="53"/>
        <source>场馆招募</source>
        <translation>Recruitment</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="54"/>
        <source>定点场馆</source>
        <translation>Venues</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="55"/>
        <source>协议</source>
        <translation>Agreements</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="56"/>
        <source>消费券</source>
        <translation>Vouchers</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="57"/>
        <source>结算</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="58"/>
        <source>巡查</source>
        <translation>Inspections</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="59"/>
        <source>预警</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="60"/>
        <source>统计分析</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="61"/>
        <source>审计日志</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="62"/>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="68"/>
        <source>巡查计划、现场检查记录、整改意见与复查。此功能将在后续版本中提供。</source>
        <translation>Inspection plans, on-site records, rectification orders and re-inspection. Coming in a later release.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="70"/>
        <source>超警戒线等异常预警的核实与处理。此功能将在后续版本中提供。</source>
        <translation>Verification and handling of early warnings such as use above the alert line. Coming in a later release.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/main_window.py" line="72"/>
        <source>领券、用券、补贴与带动消费的统计分析和报表。此功能将在后续版本中提供。</source>
        <translation>Statistics and reports on claims, redemptions, subsidies and consumption driven. Coming in a later release.</translation>
    </message>
</context>
<context>
    <name>ops</name>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="196"/>
        <source>取消</source>
        <extracomment>The pauses before each reconnect attempt (1 s, 2 s, 5 s, then every 10 s: ~1 min in all); after the last the user is asked whether to go on trying or to quit. The session it ran for ended (drop_pending): its result goes nowhere.</extracomment>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="198"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="282"/>
        <source>已尝试重新连接 {n} 次，数据库仍然无法连接。
继续尝试吗？选“否”将关闭程序（未保存的输入会丢失）。</source>
        <extracomment>attempts made so far (tests watch it)</extracomment>
        <translation>Tried to reconnect {n} times; the database still cannot be reached.
Keep trying? &quot;No&quot; closes the program (unsaved input is lost).</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="305"/>
        <source>正在重新连接数据库（第 {n} 次）…</source>
        <translation>Reconnecting to the database (attempt {n})…</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="343"/>
        <source>现在重新连接吗？（程序会隔几秒尝试一次，连上后重做刚才的操作）</source>
        <translation>Reconnect now? (The program tries every few seconds and, once connected, does the operation again.)</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="348"/>
        <source>现在重试吗？</source>
        <translation>Try again now?</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/ops.py" line="365"/>
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>recruitment</name>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_form_dialog.py" line="501"/>
        <source>第 {n} 行</source>
        <translation>Row {n}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/recruitment/application_detail_dialog.py" line="594"/>
        <source>无法读取文件“{name}”：{reason}</source>
        <translation>Cannot read the file “{name}”: {reason}</translation>
    </message>
</context>
<context>
    <name>voucher_rules</name>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="318"/>
        <source>{start} 至 {end}</source>
        <translation>{start} to {end}</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="321"/>
        <source>发布发放批次“{batch}”？

发布后配送平台可在领取时间（{window}）内向市民发放此批次的券。发布后不能撤回，只能关闭。</source>
        <translation>Publish the issuance batch “{batch}”?

Once published, the distribution platform can issue this batch&apos;s vouchers to citizens during the claim period ({window}). Publication cannot be undone; the batch can only be closed.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="327"/>
        <source>注意：按发放数量，政府补贴最多需 {committed} 元，超出预算 {budget} 元。</source>
        <translation>Note: at the issued quantities the government subsidy may reach {committed} yuan, more than the budget of {budget} yuan.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="331"/>
        <source>已发布发放批次“{batch}”。</source>
        <translation>The issuance batch “{batch}” has been published.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="333"/>
        <source>关闭发放批次“{batch}”？

关闭后此批次停止领取，未领取的数量不再占用预算；已领取的券在有效期内仍可使用。关闭后不能重新开启。</source>
        <translation>Close the issuance batch “{batch}”?

Once closed, no more vouchers of this batch can be claimed and the unclaimed quantity no longer counts against the budget; vouchers already claimed can still be used while valid. A closed batch cannot be reopened.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/batches.py" line="337"/>
        <source>已关闭发放批次“{batch}”。</source>
        <translation>The issuance batch “{batch}” has been closed.</translation>
    </message>
    <message>
        <location filename="../../jd_admin/ui/vouchers/rules.py" line="82"/>
        <source>已到生效日期的版本不会再修改：修改规则就是新增一个生效日期更晚的版本，每张券始终按领取和使用时生效的版本核对。新版本的生效日期必须晚于今天。</source>
        <translation>A version that has reached its effective date is never changed: changing the rules means adding a version with a later effective date, and every voucher is always checked against the versions in force when it was claimed and used. A new version&apos;s effective date must be after today.</translation>
    </message>
</context>
</TS>
