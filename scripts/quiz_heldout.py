"""The quiz generator on documents no rule was written on: the held-out review's figure.

    python scripts/quiz_heldout.py            # bad rate of the reviewed items, and any unreviewed one
    python scripts/quiz_heldout.py --print    # the banks as JSON lines (for a first, blind review)

``evals/heldout/`` holds statutes that are not in the knowledge base (特种设备安全法, 危险化学品安全管理条例,
read at stop 18; 消防法, 建设工程安全生产管理条例, then 矿产资源法 (2024), 烟花爆竹安全管理条例, read at stop 19;
工伤保险条例 and 突发事件应对法 (2024), read at stop 20; 建筑法 and 劳动法, then 环境保护法 and 劳动合同法, 行政处罚法 and 道路交通安全法, 固体废物污染环境防治法 and 水土保持法,
环境影响评价法 and 节约能源法, read at stop 21; 煤炭法 and 产品质量法, then 电力法 and 地质灾害防治条例, then 防洪法 and 核安全法, then 水法 and 行政许可法, then 森林法 and 行政强制法, then 石油天然气管道保护法 and 海上交通安全法, read at stop 22;
北京市实施《矿山安全法》办法 and 山东省安全生产条例 (two 地方性法规), then 尘肺病防治条例 and
使用有毒物品作业场所劳动保护条例, then 国务院关于特大安全事故行政责任追究的规定 and 劳动保障监察条例, then
放射性同位素与射线装置安全和防护条例 and 建设工程质量管理条例, then 大型群众性活动安全管理条例 and
农业机械安全监督管理条例, read at stop 23; 深圳经济特区安全生产监督管理条例 and 河南省职业病防治条例 (two
地方性法规), then 上海市安全生产条例 and 河南省安全生产条例 (2019), then 北京市安全生产条例 (2022) and
烟台市安全生产监督管理条例, then 乡镇煤矿管理条例 and 放射性废物安全管理条例, then
内河交通安全管理条例 and 放射性物品运输安全管理条例, then 公路安全保护条例 and 探矿权采矿权转让管理办法, read
at stop 24;
城镇燃气管理条例 and 山东省特种设备安全条例, then (after the coverage change) 铁路安全管理条例 and 浙江省安全生产条例,
read at stop 27;
电力安全事故应急处置和调查处理条例 and 女职工劳动保护特别规定, then 特种设备安全监察条例 and 防震减灾法, read at stop 28;
港口法 and 核电厂核事故应急管理条例, then 航道法 and 建设工程勘察设计管理条例, then 水库大坝安全管理条例 and 矿产资源法实施细则, read at stop 29;
重庆市安全生产条例, 郑州市建设工程施工安全管理条例 and 宁波市生产经营单位安全生产主体责任规定 (three 地方性法规), then 校车安全管理条例 and 浙江省水利工程安全管理条例, read at stop 30;
河南省煤炭条例, 山东省实施《煤炭法》办法, 山东省实施《矿产资源法》办法 and 河南省实施《矿产资源法》办法 (four 地方性法规
on coal and mineral resources), then 矿产资源开采登记管理办法, 矿产资源勘查区块登记管理办法, 矿产资源监督管理暂行办法,
危险废物经营许可证管理办法 and 济南市矿产资源管理规定, read at stop 31;
郑州市矿产资源管理条例 (2020), 重庆市矿产资源管理条例 (2020), 浙江省矿产资源管理条例 (2013) and
杭州市安全生产监督管理条例 (2010) (four 地方性法规), then 北京市矿产资源管理条例 (2016), 彭水苗族土家族自治县矿产资源管理条例
(2013), 新乡市北部矿山生态保护与修复条例 (2021) and 洛阳市矿产资源管理办法 (2000), read at stop 32;
重庆市特种设备安全条例 (2020), 菏泽市煤炭清洁生产使用监督管理条例 (2017), 浙江省交通建设工程质量和安全生产管理条例 (2020)
(three 地方性法规) and 矿产资源补偿费征收管理规定 (1997), then 淄博市煤炭清洁利用监督管理条例 (2020), 浙江省特种设备安全管理条例 (2011),
漯河市散煤污染防治条例 (2019) and 北京市危险废物污染环境防治条例 (2020) (four 地方性法规), then 特种设备安全监督检查办法 (2022, a
部门规章), 淄博市电梯安全条例 (2021), 濮阳市散煤污染防治条例 (2020) and 威海市危险废物管理办法 (2020), then 淄博市燃气管理条例 (2021),
温州市危险住宅处置规定 (2017), 淄博市禁止燃放烟花爆竹规定 (2021) and 淄博市地下管线管理条例 (2016), read at stop 33;
广东省实施《消防法》办法 (2022), 汕头经济特区消防条例 (2022), 广东省森林防火条例 (2021) and 广东省建设工程质量管理条例 (2021)
(four 地方性法规), 地震安全性评价管理条例 (2019; it makes no item: 19 articles, no figure or list a question can ask)
and 民用核安全设备监督管理条例 (2019), then 山东省消防条例 (2015), 枣庄市电梯安全条例 (2019), 北京市轨道交通运营安全条例 (2014)
and 上海市燃气管理条例 (four 地方性法规), then 潍坊市电梯安全条例 (2020), 山东省高速公路交通安全条例 (2014), 威海市海上交通安全条例
(2019) and 上海市烟花爆竹安全管理条例 (four 地方性法规), read at stop 34;
上海市建设工程质量和安全管理条例, 上海市消防条例 (2020), 上海市职业病防治条例, 北京市燃气管理条例 (2020), 山东省铁路安全管理条例
(2021), 滨州市电梯安全管理条例 (2020), 青岛市海上交通安全条例 (2014), 河南省消防条例 (2014), 杭州市建设工程施工安全管理条例 (2010),
北京市烟花爆竹安全管理规定 (2017), 山东省突发事件应急保障条例 (2020), 郑州市燃气管理条例 (2022) and 宁波市电梯安全条例 (2020)
(thirteen 地方性法规) and 渔港水域交通安全管理条例 (2019), read at stop 35 (round 49: documents never seen, after the stock-pair and
something-to-learn rules); 北京市消防条例, 山东省学校安全条例 (2018), 济南市燃气管理条例 (2014), 青岛市燃气管理条例 (2022),
青岛市房屋使用安全条例 (2014), 南阳市居民住宅区消防安全管理条例 (2021), 洛阳市燃气管理条例 (2015), 郑州市房屋使用安全管理条例 (2020),
宁波市学校安全条例 (2020), 台州市电梯安全管理规定 (2017), 杭州市电梯安全管理条例 (2019), 杭州市建设工程消防管理规定 (2013) and
上海市非机动车安全管理条例 (2024) (thirteen 地方性法规) and 民用核设施安全监督管理条例 (1986), read at stop 35 (round 52: documents
never seen, after rounds 49–50's rules); 宁波市城市房屋使用安全管理条例 (2015), 杭州市燃气管理条例 (2021), 浙江省建设工程勘察设计管理条例
(2017), 山东省燃气管理条例 (2016), 浙江省消防条例 (2021), 温州市电梯安全条例 (2018), 山东省建设工程抗震设防条例 (2020), 重庆市消防条例
(2013), 烟台市燃放烟花爆竹管理条例 (2021), 浙江省房屋使用安全管理条例 (2020), 杭州市道路交通安全管理条例 (2017) and
青岛市建设工程材料管理条例 (2012) (twelve 地方性法规), read at stop 36 (round 54: documents never seen, after the stems were given
the sentences they lean on); 山东省地质环境保护条例 (2018), 河南省地质环境保护条例 (2018), 新乡市居民住宅区消防安全管理条例 (2020),
驻马店市燃气管理条例 (2020), 浙江省地质灾害防治条例 (2009), 浙江省森林消防条例 (2009), 浙江省燃气管理条例 (2020) and 重庆市地质灾害防治条例
(2020) (eight 地方性法规), 地质资料管理条例 (2017), 破坏性地震应急条例 (2011), 铁路交通事故应急救援和调查处理条例 (2012) and
突发公共卫生事件应急条例 (2011), read at stop 36 (round 55: documents never seen, after round 54's leakage rule and with no
fill-in of a statute's run); 杭州市城市房屋使用安全管理条例 (2015), 山东省实施《道路交通安全法》办法 (2012), 浙江省无人驾驶航空器公共安全
管理规定 (2019), 济南市既有多层住宅增设电梯规定 (2019), 北京市突发公共卫生事件应急条例 (2020), 温州市销售燃放烟花爆竹管理规定 (2021),
潍坊市燃放烟花爆竹管理条例 (2020), 聊城市道路交通安全条例 (2021), 重庆市燃放烟花爆竹管理条例 (2018) and 上海市公共卫生应急管理条例
(2020) (ten 地方性法规), read at stop 36 (round 57: documents never seen, with the last generator of the stop);
上海市特种行业和公共场所治安管理条例, 北京市医院安全秩序管理规定 (2020), 北京市中小学生人身伤害事故预防与处理条例, 上海市食品安全条例 (2017),
临沂市 (2020), 德州市 (2020) and 泰安市烟花爆竹燃放管理条例 (2018), 宁波市经营燃放烟花爆竹安全管理规定 (2021), 济南市道路交通安全条例 (2015),
河南省公共安全技术防范管理条例 (2016), 河南省道路交通安全条例 (2006), 洛阳市道路交通安全条例 (2013), 郑州市城市道路交通安全管理条例 (2022),
信阳市城市道路交通安全设施管理条例 (2018), 杭州市水上交通事故处理条例 (2008), 浙江省水上交通安全管理条例 (2021), 湖州市电梯使用安全条例
(2018), 金华市电梯安全条例 (2017) and 浙江省农产品质量安全规定 (2020) (nineteen 地方性法规), 食品安全法 (2021), 生物安全法 (2024),
数据安全法, 网络安全法 and 农产品质量安全法 (2022) (five 法律), 医疗事故处理条例, 民用航空安全保卫条例, 海上交通事故调查处理条例,
病原微生物实验室生物安全管理条例, 重大动物疫情应急条例, 长江三峡水利枢纽安全保卫条例, 食品安全法实施条例, 乳品质量安全监督管理条例,
关键信息基础设施安全保护条例, 机动车交通事故责任强制保险条例 and 公共安全视频图像信息系统管理条例 (2025) (eleven 行政法规) and
道路交通事故处理程序规定 (2018, a 部门规章), read at stop 37 (round 58: documents never seen, with the stop-36 generator unchanged);
济宁市 (2020) and 菏泽市烟花爆竹燃放管理条例 (2019), 丽水市烟花爆竹经营燃放管理规定 (2021), 杭州市 (2016) and 金华市禁止销售燃放烟花爆竹管理规定
(2019), 上海市中小学校学生伤害事故处理条例 (2024), 郑州市 (2022) and 洛阳市中小学校学生人身伤害事故预防与处理条例 (2008), 山东省国家安全技术保卫条例
(2011), 广东省粮食安全保障条例 (2021), 杭州市计算机信息网络安全保护管理条例 (2009), 北京市食品安全条例, 上海市实施《食品安全法》办法 and
河南省实施《农产品质量安全法》办法 (2013) (fourteen 地方性法规), 粮食安全保障法 (2023) and 消防救援衔条例 (2018) (two 法律), 道路交通安全法实施条例
(2017), 计算机信息系统安全保护条例, 网络数据安全管理条例 (2024), 农业转基因生物安全管理条例, 国务院关于加强食品等产品安全监督管理的特别规定 and
计算机信息网络国际联网安全保护管理办法 (six 行政法规), 道路交通安全违法行为处理程序规定 (2020) and 道路交通安全违法行为记分管理办法 (2021) (two
部门规章), read at stop 37 (round 59: documents never seen, after round 58's pointer and true-item rules); 保安服务管理条例 (2022),
公共场所卫生管理条例, 兽药管理条例 (2020), 农药管理条例 (2022), 医疗废物管理条例, 医疗器械监督管理条例 (2021), 化妆品监督管理条例 (2020),
劳动合同法实施条例, 互联网上网服务营业场所管理条例 (2022), 国内水路运输管理条例 (2023), 农作物病虫害防治条例, 人工影响天气管理条例,
取水许可和水资源费征收管理条例, 专职守护押运人员枪支使用管理条例, 印刷业管理条例, 古树名木保护条例 (2025), 医疗机构管理条例, 农田水利条例,
南水北调工程供用水管理条例 and 国内交通卫生检疫条例 (twenty 行政法规), read at stop 37 (round 60: documents never seen, after a stem whose
opening names no one is given its premise); 娱乐场所管理条例, 学校卫生工作条例, 实验动物管理条例, 建设工程抗震管理条例 (2021), 建设项目环境保护
管理条例, 废弃电器电子产品回收处理管理条例, 排污许可管理条例 (2021), 易制毒化学品管理条例, 无人驾驶航空器飞行管理暂行条例 (2023), 森林防火条例,
民用机场管理条例, 河道管理条例, 渔业船舶检验条例, 电力设施保护条例, 电力供应与使用条例, 监控化学品管理条例, 船员条例, 船舶和海上设施检验条例,
缺陷汽车产品召回管理条例 and 生猪屠宰管理条例 (2021) (twenty 行政法规), read at stop 37 (round 62: documents never seen, with the stop's last
generator); 地下水管理条例 (2021), 城市供水条例, 城市公共交通条例 (2024), 城镇排水与污水处理条例, 抗旱条例, 气象灾害防御条例, 水文条例, 防汛条例,
草原防火条例, 道路运输条例 (2023), 电力监管条例, 工业产品生产许可证管理条例 (2023), 对外合作开采陆上石油资源条例, 核材料管制条例, 放射性药品管理办法,
节约用水条例 (2024), 防治船舶污染海洋环境管理条例, 森林病虫害防治条例, 无障碍环境建设条例 (2012) and 规划环境影响评价条例 (twenty 行政法规), read
at stop 38 (round 63: documents never seen, with the generator of stop 37 unchanged); 国防交通条例, 大中型水利水电工程建设征地补偿和移民安置条例
(2017), 对外承包工程管理条例, 村庄和集镇规划建设管理条例, 核出口管制条例, 棉花质量监督管理条例, 森林法实施条例 (2018), 武器装备质量管理条例,
气象设施和气象探测环境保护条例, 水下文物保护管理条例 (2022), 渔业法实施细则 (2020), 淮河流域水污染防治暂行条例, 畜禽规模养殖污染防治条例,
船舶登记条例, 艾滋病防治条例, 血吸虫病防治条例, 防止拆船污染环境管理条例, 防治海洋工程建设项目污染损害海洋环境管理条例, 黄河水量调度条例 and
城市道路管理条例 (twenty 行政法规), read at stop 38 (round 64: documents never seen, the same generator); 国务院关于口岸开放的若干规定,
外国律师事务所驻华代表机构管理条例, 防范和处置非法集资条例, 企业国有资产监督管理暂行条例 (2019), 全国社会保障基金条例, 地震预报管理条例,
人体器官捐献和移植条例, 政府督查工作条例, 中国公民收养子女登记办法 (2019), 未成年人网络保护条例, 城市节约用水管理规定, 食盐加碘消除碘缺乏危害
管理条例 (2017), 残疾人教育条例 (2017), 信息网络传播权保护条例 (2013), 领事保护与协助条例, 旅行社条例 (2020), 期货交易管理条例 (2017),
商业特许经营管理条例, 事业单位登记管理暂行条例 (2004) and 人民警察使用警械和武器条例 (twenty 行政法规), read at stop 39 (round 65: documents
never seen, the same generator and one rule more), and the items a 下列 list's lead-in given its premise made anew
(round 66, stop 39); 企业所得税法实施条例, 国务院关于高级专家离休退休若干问题的暂行规定, 全国年节及纪念日放假办法, 专利法实施细则 (2023),
流动人口计划生育工作条例, 开发建设晋陕蒙接壤地区水土保持规定, 世界博览会标志保护条例, 中国人民解放军实施《执业医师法》办法, 全国农业普查条例,
信访工作条例, 中国人民解放军现役士兵服役条例, 中国人民武装警察部队实行警官警衔制度的具体办法, 森林和野生动物类型自然保护区管理办法,
海上航行警告和航行通告管理规定, 反倾销条例, 加强对外合作出版管理的暂行规定, 政府参事工作条例, 中医药条例, 企业事业单位内部治安保卫条例 and
公共文化体育设施条例 (twenty 行政法规), read at stop 39 (round 67: documents never seen, the stop's last generator);
海关稽查条例, 国务院关于外商投资企业和外国企业适用增值税、消费税、营业税等税收暂行条例有关问题的通知, 外国商会管理暂行规定, 企业信息公示暂行条例,
红十字标志使用办法, 外国在华常住人员携带进境物品进口税收暂行规定, 国务院关于鼓励投资开发海南岛的规定, 互联网信息服务算法推荐管理规定 (filed among
LawRefBook's 行政法规, a 部门规章 by its card), 关于军民合用机场使用管理的若干暂行规定, 公民出境入境管理法实施细则, 注册建筑师条例,
关于爱国卫生运动委员会及其办事机构若干问题的规定, 军工关键设备设施管理条例, 饲料和饲料添加剂管理条例, 人民调解委员会组织条例, 社会保险费征缴暂行条例,
国务院关于在线政务服务的若干规定, 太湖流域管理条例, 诉讼费用交纳办法 and 民用航空运输不定期飞行管理暂行规定, read at stop 40 (round 68: documents
never seen, the generator with round 67's rules); 旅馆业治安管理办法, 证券期货行政执法当事人承诺制度实施办法, 消耗臭氧层物质管理条例,
通用航空飞行管制条例, 卫星地面接收设施接收外国卫星传送电视节目管理办法, 国务院关于处理国家机关工作人员退职、退休时计算工作年限的暂行规定,
工业产品质量责任条例, 认证认可条例 (2023), 集成电路布图设计保护条例, 国家货币出入境管理办法, 企业债券管理条例, 海洋石油勘探开发环境保护管理条例,
民兵工作条例, 烟草专卖法实施条例, 归侨侨眷权益保护法实施办法, 电网调度管理条例, 境内外国人宗教活动管理规定, 国境口岸卫生监督办法,
海洋观测预报管理条例 and 政府投资条例, read at stop 40 (round 69: documents never seen, the generator with round 68's rules);
现役军人和人民武装警察居民身份证申领发放办法, 征兵工作条例, 国家机关工作人员病假期间生活待遇的规定, 水路货物运输合同实施细则, 进出口货物原产地条例,
国务院关于规范中介机构为公司公开发行股票提供服务的规定 (2025), 城市维护建设税暂行条例, 计量法实施细则, 海关关衔标志式样和佩带办法,
国务院关于经营者集中申报标准的规定, 法规规章备案条例, 专利代理条例, 外国籍非军用船舶通过琼州海峡管理规则, 机关团体建设楼堂馆所管理条例,
互联网信息服务管理办法, 城市生活无着的流浪乞讨人员救助管理办法, 知识产权海关保护条例, 电信条例,
关于骗购外汇、非法套汇、逃汇、非法买卖外汇等违反外汇管理规定行为的行政处分或者纪律处分暂行规定 and 防治陆源污染物污染损害海洋环境管理条例, read at
stop 40 (round 70: documents never seen, the generator with round 69's rules); 关于实行专业技术职务聘任制度的规定, 现金管理暂行条例,
废旧金属收购业治安管理办法, 城市市容和环境卫生管理条例, 粮食流通管理条例, 乡村集体所有制企业条例, 国家科学技术奖励条例, 法规汇编编辑出版管理规定,
飞行基本规则, 国务院关于股份有限公司境内上市外资股的规定, 烈士褒扬条例, 企业法人登记管理条例, 国务院关于禁止在市场经济活动中实行地区封锁的规定,
中外合资经营企业合营期限暂行规定, 增值税暂行条例, 军用标准化管理办法, 工商行政管理所条例, 两用物项出口管制条例, 国境卫生检疫法实施细则 and
核两用品及相关技术出口管制条例, read at stop 40 (round 71: documents never seen, the generator with round 70's rules);
广播电台电视台播放录音制品支付报酬暂行办法, 国务院关于实施《公司法》注册资本登记管理制度的规定, 国家重点建设项目管理办法, 全民健身条例,
地方口岸管理机构职责范围暂行规定, 国有重点金融机构监事会暂行条例, 总会计师条例, 国防专利条例, 车船税法实施条例, 个体工商户条例, 药品行政保护条例,
城市房地产开发经营管理条例, 禁止传销条例, 证券公司风险处置条例, 保障中小企业款项支付条例, 社会救助暂行办法, 北京市新技术产业开发试验区暂行条例,
陆生野生动物保护实施条例, 传染病防治法实施办法 and 民兵武器装备管理条例 (the first twenty of a new seeded shuffle, ``random.Random(72)``, of the
sorted LawRefBook 行政法规 whose titles are neither held out nor in the corpus), read at stop 41 (round 72: documents never seen, the generator with
round 71's rules); 外国人入境出境管理条例, 人力资源市场暂行条例, 关于工资总额组成的规定, 外国公司船舶运输收入征税办法, 标准化法实施条例,
退役军人安置条例, 企业国有资产产权登记管理办法, 中外合资经营企业法实施条例, 野生植物保护条例, 医疗用毒性药品管理办法, 母婴保健法实施办法, 教育督导条例,
海关总署关于外国驻中国使馆和使馆人员进出境物品的规定, 长江河道采砂管理条例, 发票管理办法, 全民所有制工业交通企业设备管理条例, 消费税暂行条例,
票据管理实施办法, 文物保护法实施条例 and 征收教育费附加的暂行规定 (the next twenty of that shuffle), read at stop 41 (round 73: documents never
seen, the generator with round 72's rules);
植物新品种保护条例, 疫苗流通和预防接种管理条例, 食盐专营办法, 保税区海关监管办法, 民用建筑节能条例, 全民所有制小型工业企业租赁经营暂行条例,
对外劳务合作管理条例, 导游人员管理条例, 武器装备研制设计师系统和行政指挥系统工作条例, 信访条例, 国务院关于在香港特别行政区同时升挂使用国旗区旗的规定,
测量标志保护条例, 计划生育技术服务管理条例, 反补贴条例, 人民币管理条例, 国际邮轮在港口靠港补给的规定, 金融机构撤销条例, 制止牟取暴利的暂行规定,
国务院行政机构设置和编制管理条例 and 中国人民解放军实施《药品管理法》办法 (41–60 of that shuffle), read at stop 41 (round 74: documents never
seen, the generator with round 73's rules); 行政机关公务员处分条例, 失业保险条例, 考古涉外工作管理办法, 对外合作开采海洋石油资源条例,
全民所有制工业企业承包经营责任制暂行条例, 生物两用品及相关设备和技术出口管制条例, 地震监测管理条例, 民用航空器适航管理条例, 缔结条约管理办法,
植物检疫条例, 铺设海底电缆管道管理规定, 碳排放权交易管理暂行条例, 全民所有制工业企业厂长工作条例, 保守国家秘密法实施条例, 政府采购法实施条例,
教师资格条例, 金银管理条例, 幼儿园管理条例, 法规规章备案审查条例 and 军队参加抢险救灾条例 (61–80), read at stop 41 (round 75: documents never
seen, the generator with round 74's rules);
基本农田保护条例, 国务院关于开展全民义务植树运动的实施办法, 社会团体登记管理条例, 涉外海洋科学研究管理规定, 基金会管理条例, 产品质量监督试行办法,
海关统计条例, 保护海底电缆规定, 彩票管理条例, 医疗保障基金使用监督管理条例, 国务院关于高级专家退休问题的补充规定,
关于国家机关工作人员福利费掌管使用的暂行规定, 中药品种保护条例, 农民专业合作社登记管理条例, 金融违法行为处罚办法, 港口间海上旅客运输赔偿责任限额规定,
物业管理条例, 个人所得税法实施条例, 国际海运条例 and 计算机信息网络国际联网管理暂行规定 (81–100), read at stop 41 (round 76: documents never
seen, the generator with round 75's rules); 房产税暂行条例, 营业性演出管理条例, 汶川地震灾后恢复重建条例, 保障措施条例, 航道管理条例,
公安机关组织管理条例, 档案法实施办法, 国防计量监督管理条例, 无证无照经营查处办法, 民用运力国防动员条例, 国有企业监事会暂行条例,
海关对出口加工区监管的暂行办法, 教学成果奖励条例, 招标投标法实施条例, 民用航空器国籍登记条例, 职工带薪年休假条例,
违反行政事业性收费和罚没收入收支两条线管理规定行政处分暂行规定, 国务院关于股份有限公司境外募集股份及上市的特别规定,
公安部对部分刀具实行管制的暂行规定 and 禁止使用童工规定 (101–120), read at stop 41 (round 77: documents never seen, the generator with round 76's
rules);
国有土地上房屋征收与补偿条例, 乡村医生从业管理条例, 金融资产管理公司条例, 计算机软件保护条例, 对外使用国徽图案的办法, 国家金库条例,
罚款决定与罚款收缴分离实施办法, 宗教事务条例, 风景名胜区条例, 邮政法实施细则, 稀土管理条例, 志愿服务条例, 国务院关于鼓励台湾同胞投资的规定,
国务院关于鼓励外商投资的规定, 退耕还林条例, 关于不满300总吨船舶及沿海运输、沿海作业船舶海事赔偿限额的规定, 社会抚养费征收管理办法,
台湾同胞投资保护法实施细则, 畜禽遗传资源进出境和对外合作研究利用审批办法 and 股票发行与交易管理暂行条例 (121–140), read at stop 41 (round 78:
documents never seen, the generator with round 77's rules, the stop's last);
and 140 more of the same shuffle (positions 141–287 counted from 1, each round's twenty named in evals/README.md; left out: a source
file holding only three articles, and older or newer versions of laws held out already), read at stop 42 in rounds
80–86, each after the rules written on the round before; and 99 more at stop 43 (positions 288–395, the rest of that
shuffle but 优化营商环境条例), read in rounds 87–90, each after the rules written on the round before; and, from a second seeded shuffle
(seed 43) of the 地方性法规 in LawRefBook's DLC folders whose titles are neither held out nor in the corpus (one
version each, files of 3 KB or more; ids local43-NNNN by position), positions 0–79, read at stop 43 in rounds 92–95,
and 80–420 at stop 44 in rounds 96–104, forty a round from round 97 (position 99 was held out already under its full title),
and 421–700 at stop 45 in rounds 105–112 (position 553, 河南省实施《矿山安全法》办法, is the knowledge base's own and was removed);
each with its catalog card). They are indexed into a throwaway folder (BM25 and a ``fake`` embedding:
a document's bank does not search), each gets the bank ``mine-assistant quiz --doc <id> --n 20 --seed 0``
would make, and the items are looked up in ``evals/quiz_heldout.jsonl``, which a reviewer wrote after
reading the banks once, blind, before any generator rule was written on them. Every later generator
change makes this figure less blind; the file says when it was read.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.config import Config  # noqa: E402
from assistant.index.build import build_index  # noqa: E402
from assistant.quiz.generate import generate_bank, read_pools  # noqa: E402
from assistant.retrieve.search import Searcher  # noqa: E402

HELDOUT = ROOT / "evals" / "heldout"
REVIEW = ROOT / "evals" / "quiz_heldout.jsonl"


def banks() -> list[dict[str, Any]]:
    """Every held-out document's bank, in document order. The banks are made by as many worker processes as the
    machine has cores (forked after the pools are read, so they share them): each bank is seeded, so the items are
    the same however many make them."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Config(corpus_dir=HELDOUT, index_dir=Path(tmp), embedding_backend="fake")
        build_index(config, progress=False)
        global _SEARCHER
        _SEARCHER = Searcher(config)
        docs = sorted({c.doc_id for c in _SEARCHER.clauses})
        read_pools(_SEARCHER)
        workers = min(len(docs), os.cpu_count() or 1)
        if workers < 2:
            return [item for doc in docs for item in _bank(doc)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return [item for bank in pool.imap(_bank, docs, chunksize=4) for item in bank]


_SEARCHER: Searcher | None = None


def _bank(doc: str) -> list[dict[str, Any]]:
    assert _SEARCHER is not None
    return [
        {
            "doc_id": doc,
            "qid": q.id,
            "type": q.type,
            "stem": q.stem,
            "options": q.options,
            "answer": q.answer,
            "clause": q.clause,
            "quote": q.quote,
        }
        for q in generate_bank(_SEARCHER, doc=doc, n=20, seed=0).questions
    ]


def key(item: dict[str, Any]) -> tuple[str, str, str, str, tuple[str, ...]]:
    """How an item is found in the review: its bank's document, type, stem, answer and options (a new
    distractor asks for a new reading)."""
    return (item["doc_id"], item["type"], item["stem"], item["answer"], tuple(item.get("options", [])))


def reviewed() -> dict[tuple[str, str, str, str], dict[str, Any]]:
    """The review's records by ``key`` (empty before the first reading)."""
    if not REVIEW.exists():
        return {}
    lines = REVIEW.read_text(encoding="utf-8").splitlines()
    return {key(r): r for r in map(json.loads, filter(str.strip, lines))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--print", action="store_true", help="print the banks as JSON lines")
    args = ap.parse_args()
    items = banks()
    if args.print:
        for item in items:
            print(json.dumps(item, ensure_ascii=False))
        return 0
    verdicts = reviewed()
    found = [verdicts.get(key(i)) for i in items]
    seen = [r for r in found if r]
    bad = [r for r in seen if r["verdict"] == "bad"]
    for item, r in zip(items, found, strict=True):
        if r is None:
            print(f"未审阅  {item['doc_id']} {item['qid']} {item['stem']}")
        elif r["verdict"] == "bad":
            print(f"不合格  {r['id']} {item['stem']} —— {r['reason']}")
    for doc in sorted({i["doc_id"] for i in items}):
        rows = [r for i, r in zip(items, found, strict=True) if r and i["doc_id"] == doc]
        n_bad = sum(r["verdict"] == "bad" for r in rows)
        print(f"  {doc}: {len(rows)} reviewed, {n_bad} bad")
    rate = len(bad) / len(seen) if seen else 0.0
    print(f"held-out banks: {len(items)} items, {len(seen)} reviewed, {len(bad)} bad → bad rate {rate:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
