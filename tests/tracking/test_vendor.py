from luoshi.tracking import vendor


def test_without_npm_the_app_goes_on_without_charts(monkeypatch, tmp_path):
    monkeypatch.setattr(vendor.shutil, "which", lambda name: None)
    message = vendor.install_echarts(tmp_path)
    assert "npm not found" in message
    assert not vendor.echarts_path(tmp_path).exists()


def test_an_installed_echarts_is_left_alone(monkeypatch, tmp_path):
    path = vendor.echarts_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text("/* echarts */")
    monkeypatch.setattr(vendor.shutil, "which", lambda name: (_ for _ in ()).throw(AssertionError))
    assert str(path) in vendor.install_echarts(tmp_path)


def test_a_failing_npm_is_reported_not_raised(monkeypatch, tmp_path):
    monkeypatch.setattr(vendor.shutil, "which", lambda name: "/bin/false")
    assert "failed" in vendor.install_echarts(tmp_path)
