// The sample issue's copy: original text written for Broadsheet's bundled sample (a fictional
// district, 云杉区, and fictional people). Not taken from any newspaper.

/** One story's text: headline block, bylines and body; a body string starting with "## " is a subhead. */
export interface StoryCopy {
  kicker?: string;
  headline?: string;
  deck?: string;
  bylines?: string[];
  body: string[];
}

export const PAPER = {
  paper: '云杉区报',
  issueNumber: '46',
  totalNumber: '1046',
  date: '2026-11-23',
  edition: '今日2版',
  serial: '',
  publisher: '中共云杉区委宣传部主办',
};

/** Front page, ear (报眼): a brief. */
export const ear: StoryCopy = {
  headline: '社区食堂开餐了',
  body: [
    '11月20日，柳岸、枫林两个街道的四家社区食堂同时开餐。食堂由街道提供场地、餐饮企业运营，六十岁以上老人凭卡就餐每餐优惠3元。（林晓岚）',
  ],
};

/** Front page, lead story (头条). */
export const lead: StoryCopy = {
  kicker: '聚焦“家门口”的民生实事',
  headline: '云杉区十项民生工程年内全部交账',
  deck: '新增托位三百余个　改造老旧小区二十一个',
  bylines: ['■ 本报记者 林晓岚　通讯员 周亦然'],
  body: [
    '记者从区发展改革委获悉，年初确定的十项民生工程已有八项完工，其余两项将在12月底前交付使用。截至11月中旬，十项工程累计完成投资4.6亿元，占年度计划的93%。',
    '今年的十项民生工程，是从去年秋天开始的“民生项目大家提”活动中选出来的。全区共收到居民建议2317条，经过街道初筛、部门论证和人大代表票决，最终确定了托育服务、老旧小区改造、社区食堂、背街小巷整治等十个项目。“先问需，再办事。哪件事排在前面，由居民说了算。”区发展改革委社会处处长郑宏说。',
    '## 小切口解决大难题',
    '枫林街道和平里小区建于上世纪八十年代，六栋楼都没有电梯。今年春天，小区被列入老旧小区改造计划，施工方先后召开七次楼门议事会，逐户确认加装电梯、更换管线和停车棚的方案。如今，第一部电梯已投入使用，住在五楼的退休教师陈秀兰说：“以前下一趟楼要歇两回，现在一按按钮就到了。”',
    '全区今年改造的21个老旧小区共涉及居民6800余户。改造坚持“一区一策”，屋面防水、外墙保温、雨污分流等“里子”工程与绿化、照明等“面子”工程一起推进，施工期间每个小区都设有现场接待点，居民反映的问题当天登记、三天回复。',
    '## 把“一老一小”放在心上',
    '托育服务是居民建议最多的事项之一。今年全区新增普惠托位312个，在三所幼儿园开设托班，并在柳岸街道建成一处嵌入式托育点，收费比市场价低三成左右。与此同时，四家社区食堂、十二个老年人助餐点相继开门，基本实现街道全覆盖。',
    '区政府有关负责人表示，明年的民生工程征集工作将于12月启动，居民可以通过区政府网站、“云杉发布”微信公众号和各社区居委会提出建议。',
  ],
};

/** Front page, caption of the lead photo. */
export const leadPhotoCaption = '11月18日，改造后的枫林街道和平里小区，新加装的电梯已投入使用，楼前的停车棚也已完工。　本报记者 林晓岚 摄';

/** Front page, short story under the photo. */
export const library: StoryCopy = {
  headline: '区图书馆夜读延至晚九点',
  bylines: ['■ 通讯员 唐小禾'],
  body: [
    '从12月1日起，区图书馆总馆及五个街道分馆的开放时间延长至晚上9点，周末照常开放。读者凭身份证或社保卡即可免费办理借阅证，借阅的图书可在任一分馆归还。',
  ],
};

/** Front page, lower left. */
export const heating: StoryCopy = {
  headline: '今冬供暖提前三天',
  deck: '供热热线二十四小时有人接听',
  bylines: ['■ 通讯员 孟书瑶'],
  body: [
    '受冷空气影响，我区今冬供暖比往年提前三天，于11月12日零时正式开始。区城市管理委员会表示，全区供热管网已完成试压和注水，十四座换热站运行平稳，居民室内温度不低于18℃。',
    '为了让居民温暖过冬，区供热办在供暖前组织人员对217个小区进行入户走访，排查出老化阀门、堵塞暖气片等问题四百余处，目前已全部处理完毕。对于独居老人和困难家庭，社区网格员还逐户上门检查了暖气和燃气设施。',
    '供暖期间，居民如遇暖气不热、管道漏水等问题，可拨打区供热服务热线，热线二十四小时有人接听。一般问题接报后两小时内上门，紧急抢修半小时内到达现场。',
  ],
};

/** Front page, lower right. */
export const canteen: StoryCopy = {
  kicker: '家长可在手机上“云监督”',
  headline: '十二所学校食堂明厨亮灶',
  bylines: ['■ 本报记者 韩东'],
  body: [
    '本学期开学以来，我区十二所中小学食堂全部完成“明厨亮灶”改造。后厨的切配、烹饪、洗消等环节都装上了高清摄像头，画面实时接入区市场监管局的监管平台，家长也可以通过学校公众号查看。',
    '“以前只能听孩子说饭菜好不好吃，现在能直接看到厨房里是怎么做的。”云杉实验小学三年级学生家长刘颖说。学校还成立了由家长代表组成的膳食委员会，每月陪餐两次，对菜品口味、分量和卫生情况打分。',
    '区教育局有关负责人介绍，下一步将把“明厨亮灶”推广到全区所有幼儿园，并定期公布各校食堂的检查结果。',
  ],
};

/** Inside page, section banner (栏目). */
export const bannerText = '社区微治理';

/** Inside page, story under the banner. */
export const bench: StoryCopy = {
  headline: '楼道里的“议事长凳”',
  bylines: ['■ 通讯员 唐小禾'],
  body: [
    '柳岸街道槐香里社区的楼道口，摆着一条刷了绿漆的长凳。每周三晚饭后，楼长、居民代表和物业经理都会坐到这条长凳上，把一周里大家提的意见逐条过一遍。',
    '长凳是去年秋天摆上的。社区党委书记王丽萍说，过去开居民会要借会议室、发通知，来的人不多；搬到楼道口以后，下楼遛弯的居民顺路就坐下了。一年来，“议事长凳”上商量定下的事情有三十多件：楼顶漏水谁来修、电动自行车在哪里充电、快递柜放在什么位置……',
    '“事情不分大小，能在长凳上说开的，就不用拖到会议室。”王丽萍说。',
  ],
};

/** Inside page, caption of the second photo. */
export const parkPhotoCaption = '青石巷口袋公园改造完工后，附近的老人在廊架下晒太阳、下象棋。　通讯员 周亦然 摄';

/** Inside page, story beside the photo. */
export const lane: StoryCopy = {
  kicker: '一条老巷的“微更新”',
  headline: '青石巷：拆了违建　多了花园',
  bylines: ['■ 本报记者 韩东'],
  body: [
    '青石巷全长不到三百米，两侧多是上世纪的平房。今年夏天，枫林街道拆除巷内违建十一处，腾出的空地建成了一座六百多平方米的口袋公园，铺设了透水步道，增设座椅二十余个。',
    '改造方案前后改了四稿。街道请来设计师在巷口摆摊，居民在图纸上贴便利贴提意见：要留下老槐树、要有遮雨的廊架、地面不能太滑。“这些意见都写进了最后的方案。”街道城管科科长赵铭说。',
  ],
};

/** Inside page, lower left: a notice with subheads. */
export const safety: StoryCopy = {
  headline: '寒潮来袭　这份居家安全提示请收好',
  bylines: ['■ 通讯员 孟书瑶'],
  body: [
    '据气象部门预报，本周后期将有一次寒潮过程，最低气温可降至零下八摄氏度。区应急管理局提醒广大居民，做好防寒保暖的同时，注意用火、用电、用气安全。',
    '## 用气：勤开窗　常检查',
    '使用燃气热水器和燃气灶时要保持通风，不要在密闭的卫生间里安装直排式热水器。发现燃气泄漏，应立即关闭总阀、打开门窗，切勿开关电器或拨打电话，到室外安全地带再报警。',
    '## 用电：不私拉　不超载',
    '电暖器、电热毯等取暖设备功率较大，不要与其他大功率电器共用一个插座，人离开或睡觉前要及时断电。电动自行车要到集中充电点充电，严禁“飞线”充电和进楼入户。',
    '## 出行：防路滑　慢一点',
    '雨雪天气路面湿滑，老年人出门要穿防滑鞋，尽量避开早晚结冰时段。驾车出行要减速慢行，保持安全车距。',
  ],
};

/** Inside page, lower right: a short English passage (Latin setting in the same grid). */
export const english: StoryCopy = {
  headline: 'English Corner',
  bylines: ['■ Yunshan District News'],
  body: [
    'Four community canteens opened in Liu’an and Fenglin sub-districts on 20 November. Residents over 60 pay 3 yuan less per meal when they show their card; the canteens serve lunch from 11:00 to 13:00 and dinner from 17:00 to 18:30.',
    'From 1 December, the district library and its five branches stay open until 9 p.m., weekends included. A library card is free with an ID card.',
  ],
};

/** Inside page, lower right: service information (便民信息). */
export const notices: StoryCopy = {
  headline: '便民信息',
  body: [
    '区政务服务中心：周一至周五9:00—17:00，周六上午延时服务，地址：云杉大道88号。',
    '社区疫苗接种门诊：每周二、周四上午接种流感疫苗，请携带身份证。',
    '区供热服务热线和区应急管理局值班电话均二十四小时有人值守，号码见各社区公告栏。',
  ],
};
