package io.paygate.alipay;
