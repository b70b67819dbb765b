"""Credits read from a headline-less text: the report's own outlet, never a phrase around it."""

from __future__ import annotations

from tests.test_textdoc import art


def test_a_report_whose_reporter_interviewed_someone_is_that_outlets_and_its_own_credit_comes_first() -> None:
    a = art(
        "2023年空军航空开放活动·长春航空展26日在长春开幕。多支飞行表演队共舞蓝天。"
        "空军运油-20飞行员王宇凌就飞行展示的实战意义接受新华社记者专访。“此次共展示3类技战术动作。”王宇凌说。"
    )
    assert a.outlet == "新华社"
    b = art("长春航空展开幕。飞行员接受新华社记者采访时说，很自豪。  红星新闻首席记者 吴阳 长春报道")
    assert b.outlet == "红星新闻"
    assert art("长春航空展开幕。飞行员接受记者采访时说，很自豪。").outlet is None  # no outlet named


def test_the_outlet_signing_the_reports_end_is_its_outlet_before_one_it_mentions() -> None:
    a = art(
        "原标题：四部门发布无人机出口管制公告，大疆回应7月31日，四部门发布公告。大疆在回应《环球时报》记者问询时表示，"
        "始终严格遵守出口管制法律法规。让科技更好造福人类。（环球网）返回搜狐，查看更多责任编辑："
    )
    assert a.outlet == "环球网"
    assert art("四部门发布公告。让科技更好造福人类。（资料图）").outlet is None  # a bracket that names no outlet
    assert art("社区开展活动。（警方通报）").outlet is None  # a body's notice, not a medium


def test_an_outlet_writing_its_own_web_address_beside_its_name_is_the_reports_outlet() -> None:
    a = art(
        "7月26日，在国务院新闻办举行的吹风会上，澎湃新闻（www.thepaper.cn）记者提问：今年上半年新能源发电情况如何？"
        "国家能源局电力司负责人刘明阳表示，风电光伏发电量达到7300亿千瓦时。"
    )
    assert a.outlet == "澎湃新闻"
    told = art("音乐喷泉开始试运行。26日，相关负责人告诉澎湃新闻（www.thepaper.cn）。曲目正在编排。")
    assert told.outlet == "澎湃新闻"
    # another outlet citing it (据…报道) does not make the report its
    assert art("某地发生一起事故。另据澎湃新闻（www.thepaper.cn）报道，无人受伤。").outlet is None
    # an address of a site we do not know by that name credits nothing
    assert art("根据权威数据平台—（www.ovo.com.cn）发布的相关信息显示，销量上升。").outlet is None


def test_a_reporters_credit_cut_as_furniture_names_the_outlet_when_nothing_else_does() -> None:
    body = "原标题：隐姓埋名潜逃33年，命案逃犯落网太原市公安机关刑侦部门抓获一名潜逃33年的逃犯。\n山西晚报 记者 辛戈"
    assert art(body).outlet == "山西晚报"
    closed = (
        "消防部门提醒，遇到险情请及时拨打119报警电话求助。文/记者 张利箭 赵爻之（央视新闻）返回搜狐，查看更多责任编辑："
    )
    assert art(closed).outlet == "央视新闻"
    assert art("桃子又大又红。（图片来源网络）果园主人报了警。").outlet is None  # a bracket naming no outlet


def test_a_report_naming_no_outlet_keeps_the_reporters_who_sign_it() -> None:
    signed = art(
        "原标题：黑龙江一高速公路桥梁发生部分塌陷 两车坠入受降雨影响，哈牡高速一处桥梁发生塌陷。"
        "交警部门已实行全线双向封闭。文/记者 杨洋 任秋宇 彭海龙编辑/王朝返回搜狐，查看更多责任编辑："
    )
    assert signed.outlet is None and signed.byline == "记者杨洋等"
    named = art("山西太原警方抓获一名潜逃33年的逃犯。\n山西晚报 记者 辛戈")
    assert named.outlet == "山西晚报" and named.byline is None  # the outlet names it: no byline needed
