package io.paygate.core;
